#!/usr/bin/env bash
# Re-vendor the dashboard's JavaScript libraries and basemap from the npm registry into
# src/dateline/web/static/vendor/ (the dashboard loads nothing from a CDN).
# Versions are pinned here; the licence of each package is copied beside its files.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm init -y >/dev/null && npm install --silent \
    leaflet@1.9.4 leaflet.markercluster@1.5.3 topojson-client@3.1.0 world-atlas@2.0.2)
n="$work/node_modules"
v=src/dateline/web/static/vendor
rm -rf "$v" && mkdir -p "$v/leaflet/images" "$v/markercluster" "$v/topojson" "$v/world-atlas"
cp "$n/leaflet/dist/leaflet.js" "$n/leaflet/dist/leaflet.css" "$n/leaflet/LICENSE" "$v/leaflet/"
cp "$n/leaflet/dist/images/"* "$v/leaflet/images/"
cp "$n/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$n/leaflet.markercluster/dist/MarkerCluster.css" \
   "$n/leaflet.markercluster/dist/MarkerCluster.Default.css" \
   "$n/leaflet.markercluster/MIT-LICENCE.txt" "$v/markercluster/"
cp "$n/topojson-client/dist/topojson-client.min.js" "$n/topojson-client/LICENSE" "$v/topojson/"
# Natural Earth 1:110m country outlines (public domain) as TopoJSON: the offline basemap.
cp "$n/world-atlas/countries-110m.json" "$n/world-atlas/LICENSE" "$n/world-atlas/README.md" \
   "$v/world-atlas/"
