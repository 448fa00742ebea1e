package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestOpenAPIMatchesHandlers keeps /openapi.json true: every route the server
// answers is documented with its method and every parameter its parser accepts,
// every documented path is answered (not 404), and every job operation documents
// its error answers.
func TestOpenAPIMatchesHandlers(t *testing.T) {
	s := testServer(t, Config{})
	rec := do(s, "GET", "/openapi.json", "", nil)
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Parameters  []struct {
				Name, In string
				Schema   map[string]any
			}
			RequestBody struct {
				Content map[string]struct {
					Schema struct {
						Properties map[string]any
					}
				}
			}
			Responses map[string]any
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	if len(doc.Paths) != len(s.routes) {
		t.Errorf("%d documented paths, %d routes", len(doc.Paths), len(s.routes))
	}
	for path, rt := range s.routes {
		item, ok := doc.Paths[path]
		if !ok {
			t.Errorf("route %s is not documented", path)
			continue
		}
		opDoc, ok := item[strings.ToLower(rt.op.Method)]
		if !ok || opDoc.OperationID != rt.op.ID {
			t.Errorf("%s: %s %q not documented", path, rt.op.Method, rt.op.ID)
			continue
		}
		query := map[string]bool{}
		for _, p := range opDoc.Parameters {
			if p.In != "query" {
				t.Errorf("%s: parameter %s in %q", path, p.Name, p.In)
			}
			query[p.Name] = true
		}
		body := map[string]bool{}
		for _, c := range opDoc.RequestBody.Content {
			for name := range c.Schema.Properties {
				body[name] = true
			}
		}
		for _, p := range rt.op.Params {
			switch {
			case rt.op.Body == BodyJSON && !body[p.Name]:
				t.Errorf("%s: JSON member %s not documented", path, p.Name)
			case rt.op.Body == BodyImageOrJSON && !body[p.Name]:
				t.Errorf("%s: JSON member %s not documented", path, p.Name)
			case rt.op.Body != BodyJSON && !p.JSONOnly && !query[p.Name]:
				t.Errorf("%s: query parameter %s not documented", path, p.Name)
			}
		}
		// Conversely, what is documented is accepted: each documented query
		// parameter, given its default (or a valid value), passes the parser.
		for name := range query {
			if rt.op.param(name) == nil {
				t.Errorf("%s: documents %s, which the parser refuses", path, name)
			}
		}
		if rt.op.Job {
			for _, code := range []string{"200", "304", "400", "413", "415", "422", "429", "503"} {
				if _, ok := opDoc.Responses[code]; !ok {
					t.Errorf("%s: response %s not documented", path, code)
				}
			}
		}
		// Every documented path is served by this server.
		if r := do(s, rt.op.Method, path, "", nil); r.Code == http.StatusNotFound || r.Code == http.StatusMethodNotAllowed {
			t.Errorf("documented %s %s answers %d", rt.op.Method, path, r.Code)
		}
	}
}

// TestOperationTable checks the declarations themselves: unique IDs and paths,
// defaults that pass their own validation, ranges that make sense.
func TestOperationTable(t *testing.T) {
	ids, paths := map[string]bool{}, map[string]bool{}
	for _, op := range Operations() {
		if ids[op.ID] || paths[op.Path] {
			t.Errorf("duplicate operation %s %s", op.ID, op.Path)
		}
		ids[op.ID], paths[op.Path] = true, true
		if Lookup(op.ID) != op {
			t.Errorf("Lookup(%q) does not find it", op.ID)
		}
		names := map[string]bool{}
		for _, p := range op.Params {
			if names[p.Name] {
				t.Errorf("%s: parameter %s declared twice", op.ID, p.Name)
			}
			names[p.Name] = true
			if p.Help == "" {
				t.Errorf("%s.%s: no help", op.ID, p.Name)
			}
			if p.Default != "" {
				if _, err := p.parseText(p.Default); err != nil {
					t.Errorf("%s.%s: default %q fails its own check: %v", op.ID, p.Name, p.Default, err)
				}
			}
			if p.HasRange && p.Min > p.Max {
				t.Errorf("%s.%s: range %v..%v", op.ID, p.Name, p.Min, p.Max)
			}
		}
	}
	if Lookup("nope") != nil {
		t.Error("Lookup of an unknown ID")
	}
}
