// Renders /openapi.json with Swagger UI; nothing is fetched from any other host (no validator badge).
window.ui = window.SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#api',
  deepLinking: true,
  validatorUrl: null,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  defaultModelExpandDepth: 3,
  defaultModelRendering: 'example',
  displayOperationId: true,
  showExtensions: true,
  showCommonExtensions: true,
  tryItOutEnabled: false,
  withCredentials: false,
});
