package serve

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"go.yaml.in/yaml/v3"
)

// FileConfig is what the data folder's config.yaml may set; flags given on
// the command line win over it.
type FileConfig struct {
	Listen    string `yaml:"listen"`
	AdminKey  string `yaml:"admin_key"`
	AdminName string `yaml:"admin_name"`
}

// ReadConfigFile reads a config.yaml; a file that is not there sets
// nothing. An unknown key is refused with its line, so that a misspelt
// setting is not silently ignored.
func ReadConfigFile(path string) (FileConfig, error) {
	var fc FileConfig
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fc, nil
	}
	if err != nil {
		return fc, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil && !errors.Is(err, io.EOF) {
		return fc, fmt.Errorf("%s: %w (the keys are listen, admin_key and admin_name)", path, err)
	}
	return fc, nil
}
