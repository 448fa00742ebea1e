package server

// Version is the API version in the OpenAPI document.
const Version = "1.0.0"

// OpenAPI builds the OpenAPI 3 document from the operation table.
func OpenAPI() map[string]any {
	paths := map[string]any{}
	for _, op := range ops {
		paths[op.Path] = map[string]any{lower(op.Method): operationDoc(op)}
	}
	errSchema := map[string]any{
		"type":     "object",
		"required": []string{"error"},
		"properties": map[string]any{
			"error": map[string]any{
				"type":     "object",
				"required": []string{"code", "message"},
				"properties": map[string]any{
					"code":    map[string]any{"type": "string", "description": "stable machine-readable code, e.g. bad_parameter, too_large, unsupported_type, undecodable, overloaded"},
					"message": map[string]any{"type": "string", "description": "what went wrong, naming the parameter when one did"},
				},
			},
		},
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":       "mediad",
			"version":     Version,
			"description": "Image compress/crop/info/edit and canvas rendering with the WeChat mini-program media API.",
		},
		"paths": paths,
		"components": map[string]any{
			"schemas": map[string]any{"Error": errSchema},
			"headers": map[string]any{
				"Retry-After": map[string]any{"description": "seconds to wait before retrying", "schema": map[string]any{"type": "integer"}},
			},
		},
	}
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// paramSchema is the JSON Schema of one parameter.
func paramSchema(p *Param) map[string]any {
	sc := map[string]any{"type": string(p.Type)}
	if p.HasRange {
		sc["minimum"], sc["maximum"] = p.Min, p.Max
	}
	if len(p.Enum) > 0 {
		sc["enum"] = p.Enum
	}
	if p.MaxLen > 0 && p.Type == String {
		sc["maxLength"] = p.MaxLen
	}
	if p.Default != "" {
		if v, err := p.parseText(p.Default); err == nil {
			sc["default"] = v
		}
	}
	if p.Type == Array {
		items := p.Items
		if items == nil {
			items = map[string]any{}
		}
		sc["items"] = items
	}
	if p.JSONOnly && p.Type == String {
		sc["format"] = "byte"
	}
	return sc
}

func errorResponse(desc string, retry bool) map[string]any {
	r := map[string]any{
		"description": desc,
		"content":     map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}},
	}
	if retry {
		r["headers"] = map[string]any{"Retry-After": map[string]any{"$ref": "#/components/headers/Retry-After"}}
	}
	return r
}

func operationDoc(op *Operation) map[string]any {
	d := map[string]any{"operationId": op.ID, "summary": op.Summary}
	if op.Description != "" {
		d["description"] = op.Description
	}
	imageBody := map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}
	jsonBody := func() map[string]any {
		props := map[string]any{}
		var required []string
		for i := range op.Params {
			p := &op.Params[i]
			sc := paramSchema(p)
			sc["description"] = p.Help
			props[p.Name] = sc
			if p.Required {
				required = append(required, p.Name)
			}
		}
		sc := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			sc["required"] = required
		}
		return map[string]any{"schema": sc}
	}
	var params []any
	if op.Body != BodyJSON {
		for i := range op.Params {
			p := &op.Params[i]
			if p.JSONOnly {
				continue
			}
			params = append(params, map[string]any{
				"name": p.Name, "in": "query", "required": p.Required,
				"description": p.Help, "schema": paramSchema(p),
			})
		}
	}
	if len(params) > 0 {
		d["parameters"] = params
	}
	switch op.Body {
	case BodyImage:
		d["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/octet-stream": imageBody, "image/*": imageBody}}
	case BodyVideo:
		d["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/octet-stream": imageBody, "video/*": imageBody}}
	case BodyJSON:
		d["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": jsonBody()}}
	case BodyImageOrJSON:
		d["requestBody"] = map[string]any{"required": true, "content": map[string]any{
			"application/octet-stream": imageBody, "image/*": imageBody, "application/json": jsonBody()}}
	}
	ok := map[string]any{"description": "success"}
	switch op.Produces {
	case ProducesImage:
		img := map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}}
		ok["content"] = map[string]any{"image/jpeg": img, "image/png": img, "image/webp": img}
		ok["headers"] = map[string]any{
			"ETag":           map[string]any{"schema": map[string]any{"type": "string"}},
			"X-Image-Width":  map[string]any{"schema": map[string]any{"type": "integer"}},
			"X-Image-Height": map[string]any{"schema": map[string]any{"type": "integer"}},
		}
	case ProducesJSON:
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object"}}}
	case ProducesText:
		ok["content"] = map[string]any{"text/plain": map[string]any{"schema": map[string]any{"type": "string"}}}
	}
	responses := map[string]any{"200": ok}
	if op.Job {
		responses["304"] = map[string]any{"description": "If-None-Match matched the ETag of this request's answer"}
		responses["400"] = errorResponse("bad parameter (the message names it)", false)
		responses["408"] = errorResponse("the body did not arrive within the request's time limit", false)
		responses["413"] = errorResponse("body, image or canvas too large", false)
		responses["415"] = errorResponse("unsupported image format or content type", false)
		responses["422"] = errorResponse("undecodable image, script error or limit, or a form this build does not render", false)
		responses["429"] = errorResponse("too many requests in progress", true)
		responses["503"] = errorResponse("no worker free in time, request timeout, or shutting down", true)
	}
	if op.ID == "readyz" {
		responses["503"] = map[string]any{"description": "shutting down"}
	}
	responses["405"] = errorResponse("wrong method", false)
	responses["500"] = errorResponse("internal error (a fault of the server, logged)", false)
	d["responses"] = responses
	return d
}
