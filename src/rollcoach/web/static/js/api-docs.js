// /api/docs: start Swagger UI from this file rather than an inline script, so the page keeps
// the app's CSP (script-src 'self'). The settings are FastAPI's own for its docs page.
const root = document.getElementById("swagger-ui");
window.ui = SwaggerUIBundle({
  url: root.dataset.openapiUrl,
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  // A signed-in browser's calls carry its CSRF token, as the app's own pages send it.
  requestInterceptor: (request) => {
    if (root.dataset.csrf && request.method !== "GET") {
      request.headers["X-CSRF-Token"] = root.dataset.csrf;
    }
    return request;
  },
});
