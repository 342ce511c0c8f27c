package server

import (
	"io"
	"net/http"
)

// handleDocs serves the API documentation page when Config.EnableOpenAPI is
// set: self-contained HTML (no CDN, users are often offline behind SSH
// tunnels) that renders /openapi.json.
func (s *Server) handleDocs(w http.ResponseWriter, _ *http.Request) {
	if !s.cfg.EnableOpenAPI {
		s.writeDetail(w, http.StatusNotFound, detailNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'")
	_, _ = io.WriteString(w, docsPage)
}

const docsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>freqdeck API</title>
<style>
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:70em;padding:1em;color:#222}
h2{border-bottom:1px solid #ccc;margin-top:2em}
details{border:1px solid #ddd;border-radius:4px;margin:.3em 0;padding:.3em .6em}
summary{cursor:pointer;font-family:monospace}
.m{display:inline-block;width:5em;font-weight:bold}
.get{color:#0a6}.post{color:#06c}.delete{color:#c33}.patch{color:#a60}.head{color:#777}
table{border-collapse:collapse;margin:.4em 0}td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;font-size:90%}
code{background:#f4f4f4;padding:0 .2em}
</style></head><body>
<h1 id="title">freqdeck API</h1><p id="desc"></p>
<div id="routes">Loading /openapi.json…</div>
<h2>Schemas</h2><div id="schemas"></div>
<script>
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
  kids.forEach(k => e.append(k));
  return e;
}
function typeOf(s) {
  if (!s) return "";
  if (s.$ref) { const n = s.$ref.split("/").pop(); return el("a", {href: "#schema-" + n}, n); }
  if (s.allOf) return typeOf(s.allOf[0]);
  if (s.oneOf) { const sp = el("span"); s.oneOf.forEach((o, i) => { if (i) sp.append(" | "); sp.append(typeOf(o)); }); return sp; }
  if (s.type === "array") { const sp = el("span", {}, "["); sp.append(typeOf(s.items), "]"); return sp; }
  if (s.type === "object" && s.additionalProperties) { const sp = el("span", {}, "{str: "); sp.append(typeOf(s.additionalProperties), "}"); return sp; }
  return (s.type || "any") + (s.format ? " (" + s.format + ")" : "");
}
function nullable(s) { return s && s.nullable ? " | null" : ""; }
function paramTable(params) {
  const t = el("table", {}, el("tr", {}, el("th", {}, "name"), el("th", {}, "in"), el("th", {}, "type"), el("th", {}, "required"), el("th", {}, "default")));
  params.forEach(p => t.append(el("tr", {}, el("td", {}, p.name), el("td", {}, p.in), el("td", {}, typeOf(p.schema)),
    el("td", {}, p.required ? "yes" : ""), el("td", {}, p.schema.default === undefined ? "" : JSON.stringify(p.schema.default)))));
  return t;
}
function render(doc) {
  document.getElementById("title").textContent = doc.info.title + " " + (doc.info.version || "");
  document.getElementById("desc").textContent = doc.info.description || "";
  const byTag = {};
  Object.entries(doc.paths).forEach(([path, item]) => Object.entries(item).forEach(([method, op]) => {
    (byTag[op.tags[0]] = byTag[op.tags[0]] || []).push([method, path, op]);
  }));
  const routes = document.getElementById("routes"); routes.textContent = "";
  Object.entries(byTag).forEach(([tag, ops]) => {
    routes.append(el("h2", {}, tag));
    ops.forEach(([method, path, op]) => {
      const d = el("details", {}, el("summary", {}, el("span", {class: "m " + method}, method.toUpperCase()), path + "  ", el("i", {}, op.summary || "")));
      const sec = (op.security || []).map(s => Object.keys(s)[0]).join(" or ");
      d.append(el("p", {}, "Auth: " + (sec || "none")));
      if (op.parameters) d.append(paramTable(op.parameters));
      if (op.requestBody) d.append(el("p", {}, "Body: ", typeOf(op.requestBody.content["application/json"].schema)));
      Object.entries(op.responses).forEach(([code, r]) => {
        const p = el("p", {}, code + ": " + r.description + " ");
        if (r.content) p.append(typeOf(r.content["application/json"].schema));
        d.append(p);
      });
      routes.append(d);
    });
  });
  const schemas = document.getElementById("schemas");
  Object.keys(doc.components.schemas).sort().forEach(name => {
    const s = doc.components.schemas[name];
    const t = el("table", {}, el("tr", {}, el("th", {}, "property"), el("th", {}, "type")));
    Object.entries(s.properties || {}).forEach(([k, v]) => t.append(el("tr", {}, el("td", {}, el("code", {}, k)), el("td", {}, typeOf(v), nullable(v)))));
    schemas.append(el("details", {id: "schema-" + name}, el("summary", {}, name), t));
  });
}
fetch("openapi.json").then(r => r.json()).then(render).catch(e => { document.getElementById("routes").textContent = "Could not load /openapi.json: " + e; });
</script></body></html>
`
