package script

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// fsMethod is one FileSystemManager operation: its option fields (callback
// form) in the order the Sync form takes them as arguments.
type fsMethod struct {
	name   string
	params []string
	run    func(args []goja.Value) (goja.Value, string, error) // value, result field
}

// installFileSystem binds wx.getFileSystemManager: readFile, writeFile,
// access, mkdir, readdir, unlink and stat, each as name(object) with the
// callback convention and as nameSync(args…) that returns or throws. Writes go
// to USER_DATA_PATH only; reads also see temp files and the read-only
// code-package directories.
func (r *Runtime) installFileSystem(wx *goja.Object) {
	mgr := r.vm.NewObject()
	methods := []fsMethod{
		{"readFile", []string{"filePath", "encoding", "position", "length"}, r.fsReadFile},
		{"writeFile", []string{"filePath", "data", "encoding"}, r.fsWriteFile},
		{"access", []string{"path"}, r.fsAccess},
		{"mkdir", []string{"dirPath", "recursive"}, r.fsMkdir},
		{"readdir", []string{"dirPath"}, r.fsReaddir},
		{"unlink", []string{"filePath"}, r.fsUnlink},
		{"stat", []string{"path"}, r.fsStat},
	}
	for _, m := range methods {
		m := m
		r.defineAsync(mgr, wxAPI{
			name:    m.name,
			options: m.params,
			run: func(o, res *goja.Object) error {
				args := make([]goja.Value, len(m.params))
				for i, p := range m.params {
					args[i] = o.Get(p)
				}
				v, field, err := m.run(args)
				if err == nil && field != "" {
					must(res.Set(field, v))
				}
				return err
			},
		})
		r.fsAPIs = append(r.fsAPIs, m.name, m.name+"Sync")
		must(mgr.Set(m.name+"Sync", func(call goja.FunctionCall) goja.Value {
			args := make([]goja.Value, len(m.params))
			for i := range args {
				args[i] = call.Argument(i)
			}
			var v goja.Value
			err := r.runAPI(func() error {
				var err error
				v, _, err = m.run(args)
				return err
			})
			if err != nil {
				panic(r.vm.NewGoError(fmt.Errorf("%sSync:fail %s", m.name, reasonOf(err))))
			}
			if v == nil {
				return goja.Undefined()
			}
			return v
		}))
	}
	// The async methods were registered as wx APIs by defineAsync; they belong
	// to FileSystemManager, not to wx.
	r.wxAPIs = r.wxAPIs[:len(r.wxAPIs)-len(methods)]
	must(wx.Set("getFileSystemManager", func() goja.Value { return mgr }))
}

// fsPath reads the path argument named name and resolves it in the sandbox
// (write: inside USER_DATA_PATH only): the prologue of every file-system call.
func (r *Runtime) fsPath(v goja.Value, name string, write bool) (string, location, error) {
	p, err := r.pathArg(v, name)
	if err != nil {
		return "", location{}, err
	}
	loc, err := r.sandbox.resolve(p, write)
	return p, loc, err
}

func (r *Runtime) pathArg(v goja.Value, name string) (string, error) {
	if absent(v) || goja.IsNull(v) {
		return "", failf("parameter error: parameter.%s should be String instead of Undefined", name)
	}
	s, ok := v.Export().(string)
	if !ok {
		return "", failf("parameter error: parameter.%s should be String", name)
	}
	return s, nil
}

func (r *Runtime) fsReadFile(a []goja.Value) (goja.Value, string, error) {
	p, err := r.pathArg(a[0], "filePath")
	if err != nil {
		return nil, "", err
	}
	data, err := r.sandbox.readFile(p)
	if err != nil {
		return nil, "", err
	}
	if !absent(a[2]) || !absent(a[3]) {
		pos, n := 0.0, float64(len(data))
		if !absent(a[2]) {
			pos = a[2].ToFloat()
		}
		if !absent(a[3]) {
			n = a[3].ToFloat()
		}
		if !(pos >= 0 && pos <= float64(len(data))) || !(n >= 0 && pos+n <= float64(len(data))) {
			return nil, "", failf("the value of \"position\" or \"length\" is out of range")
		}
		data = data[int(pos):int(pos+n)]
	}
	enc := ""
	if !absent(a[1]) && !goja.IsNull(a[1]) {
		enc = strings.ToLower(a[1].String())
	}
	switch enc {
	case "":
		return r.vm.ToValue(r.vm.NewArrayBuffer(data)), "data", nil
	case "utf8", "utf-8":
		return r.vm.ToValue(strings.ToValidUTF8(string(data), "\uFFFD")), "data", nil
	case "base64":
		return r.vm.ToValue(base64.StdEncoding.EncodeToString(data)), "data", nil
	case "hex":
		return r.vm.ToValue(hex.EncodeToString(data)), "data", nil
	case "latin1", "binary", "ascii":
		u := make([]uint16, len(data))
		for i, b := range data {
			if enc == "ascii" {
				b &= 0x7f
			}
			u[i] = uint16(b)
		}
		return r.vm.ToValue(goja.StringFromUTF16(u)), "data", nil
	}
	return nil, "", failf("invalid encoding %q", clip(enc))
}

func (r *Runtime) fsWriteFile(a []goja.Value) (goja.Value, string, error) {
	p, loc, err := r.fsPath(a[0], "filePath", true)
	if err != nil {
		return nil, "", err
	}
	var data []byte
	if absent(a[1]) || goja.IsNull(a[1]) {
		return nil, "", failf("parameter error: parameter.data should be String or ArrayBuffer")
	}
	if s, ok := a[1].Export().(string); ok {
		enc := "utf8"
		if !absent(a[2]) && !goja.IsNull(a[2]) {
			enc = strings.ToLower(a[2].String())
		}
		switch enc {
		case "utf8", "utf-8":
			data = []byte(s)
		case "base64":
			b, ok := forgivingBase64Decode(s)
			if !ok {
				return nil, "", failf("invalid base64 data")
			}
			data = b
		case "hex":
			if data, err = hex.DecodeString(s); err != nil {
				return nil, "", failf("invalid hex data")
			}
		case "latin1", "binary", "ascii":
			for _, c := range s {
				data = append(data, byte(c))
			}
		default:
			return nil, "", failf("invalid encoding %q", clip(enc))
		}
	} else {
		data = r.bufferSourceBytes(a[1], "writeFile", "FileSystemManager")
	}
	if err := r.sandbox.charge(int64(len(data))); err != nil {
		return nil, "", err
	}
	if err := loc.root.WriteFile(loc.name, data, 0o600); err != nil {
		return nil, "", fsError(err, p)
	}
	return nil, "", nil
}

func (r *Runtime) fsAccess(a []goja.Value) (goja.Value, string, error) {
	p, loc, err := r.fsPath(a[0], "path", false)
	if err != nil {
		return nil, "", err
	}
	if _, err := loc.root.Stat(loc.name); err != nil {
		return nil, "", fsError(err, p)
	}
	return nil, "", nil
}

func (r *Runtime) fsMkdir(a []goja.Value) (goja.Value, string, error) {
	p, loc, err := r.fsPath(a[0], "dirPath", true)
	if err != nil {
		return nil, "", err
	}
	if a[1] != nil && a[1].ToBoolean() {
		err = loc.root.MkdirAll(loc.name, 0o700)
	} else {
		err = loc.root.Mkdir(loc.name, 0o700)
	}
	if err != nil {
		return nil, "", fsError(err, p)
	}
	return nil, "", nil
}

func (r *Runtime) fsReaddir(a []goja.Value) (goja.Value, string, error) {
	p, loc, err := r.fsPath(a[0], "dirPath", false)
	if err != nil {
		return nil, "", err
	}
	f, err := loc.root.Open(loc.name)
	if err != nil {
		return nil, "", fsError(err, p)
	}
	defer f.Close()
	names, err := f.Readdirnames(10000)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, "", fsError(err, p)
	}
	sort.Strings(names)
	files := make([]any, 0, len(names))
	for _, n := range names {
		if utf8.ValidString(n) {
			files = append(files, n)
		}
	}
	return r.vm.NewArray(files...), "files", nil
}

func (r *Runtime) fsUnlink(a []goja.Value) (goja.Value, string, error) {
	p, loc, err := r.fsPath(a[0], "filePath", true)
	if err != nil {
		return nil, "", err
	}
	st, err := loc.root.Lstat(loc.name)
	if err != nil {
		return nil, "", fsError(err, p)
	}
	if st.IsDir() {
		return nil, "", failf("operation not permitted, unlink %s is a directory", clip(p))
	}
	if err := loc.root.Remove(loc.name); err != nil {
		return nil, "", fsError(err, p)
	}
	return nil, "", nil
}

func (r *Runtime) fsStat(a []goja.Value) (goja.Value, string, error) {
	p, loc, err := r.fsPath(a[0], "path", false)
	if err != nil {
		return nil, "", err
	}
	st, err := loc.root.Stat(loc.name)
	if err != nil {
		return nil, "", fsError(err, p)
	}
	return r.statsObject(st), "stats", nil
}

// statsObject is a Stats: mode, size, lastAccessedTime and lastModifiedTime
// (seconds), isDirectory(), isFile().
func (r *Runtime) statsObject(st fs.FileInfo) goja.Value {
	o := r.vm.NewObject()
	mode := uint32(st.Mode().Perm())
	if st.IsDir() {
		mode |= 0o040000
	} else if st.Mode().IsRegular() {
		mode |= 0o100000
	}
	must(o.Set("mode", mode))
	must(o.Set("size", st.Size()))
	must(o.Set("lastAccessedTime", st.ModTime().Unix()))
	must(o.Set("lastModifiedTime", st.ModTime().Unix()))
	dir, regular := st.IsDir(), st.Mode().IsRegular()
	must(o.Set("isDirectory", func() bool { return dir }))
	must(o.Set("isFile", func() bool { return regular }))
	return o
}
