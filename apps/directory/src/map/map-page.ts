// The HTML of the map page. The page's script builds pins and popups with text nodes, never with HTML strings.
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export function mapPage(options: { tileUrl: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CoCoMo — spaces for FOSS events</title>
<link rel="stylesheet" href="/map/assets/leaflet/leaflet.css">
<link rel="stylesheet" href="/map/assets/map.css">
</head>
<body data-tile-url="${escapeHtml(options.tileUrl)}">
<main id="map" aria-label="Map of spaces"></main>
<script src="/map/assets/leaflet/leaflet.js"></script>
<script src="/map/assets/map.js"></script>
</body>
</html>`;
}
