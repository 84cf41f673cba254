// The camera list: fetching GET api/cameras and keeping a grid of tiles, grouped by site, in step with it.

import { CameraTile } from './camera-tile.js';

const FETCH_TIMEOUT_MS = 4000;

/**
 * Fetches the camera list; rejects with a message fit to show when the API fails or answers nonsense.
 * @param {typeof fetch} fetcher the dashboard passes its session's (session.js apiFetch)
 */
export async function fetchCameras(fetcher = window.fetch.bind(window)) {
  let response;
  try {
    response = await fetcher('api/cameras', {
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      // Older Safari lacks AbortSignal.timeout; there the browser's own timeout applies.
      signal: AbortSignal.timeout ? AbortSignal.timeout(FETCH_TIMEOUT_MS) : undefined,
    });
  } catch (e) {
    if (e.name === 'SessionEnded') {
      throw e; // already on the way to the login page
    }
    throw new Error(`the server did not answer (${e.message})`);
  }
  if (!response.ok) {
    throw new Error(`the server answered HTTP ${response.status}`);
  }
  const cameras = await response.json();
  if (!Array.isArray(cameras)) {
    throw new Error('the server sent something other than a camera list');
  }
  return cameras;
}

/** Site sections and camera tiles inside a container; render() adds, updates and removes them in place. */
export class CameraGrid {
  /**
   * @param {HTMLElement} container where the site sections go
   * @param {{site: HTMLTemplateElement, tile: HTMLTemplateElement}} templates
   * @param {import('./visibility.js').VisibilityGate} visibility
   * @param {import('./camera-tile.js').TileAccess} access what the caller may do, and their fetch
   */
  constructor(container, templates, visibility, access) {
    this.container = container;
    this.templates = templates;
    this.visibility = visibility;
    this.access = access;
    this.tiles = new Map();
    this.sections = new Map();
  }

  render(cameras) {
    const bySite = groupBySite(cameras);
    this.removeTilesNotIn(cameras);
    const sections = [...bySite.values()].map(({ site, cameras: siteCameras }) => {
      const section = this.section(site);
      const tiles = siteCameras.map((camera) => this.tile(camera));
      placeInOrder(section.querySelector('[data-site-cameras]'), tiles.map((tile) => tile.element));
      return section;
    });
    this.removeEmptySections(new Set(sections));
    placeInOrder(this.container, sections);
  }

  tile(camera) {
    let entry = this.tiles.get(camera.id);
    if (!entry) {
      entry = { tile: new CameraTile(this.templates.tile, this.visibility, this.access), siteId: siteKey(camera) };
      this.tiles.set(camera.id, entry);
    }
    entry.tile.update(camera);
    return entry.tile;
  }

  section(site) {
    let section = this.sections.get(site.id);
    if (!section) {
      section = this.templates.site.content.firstElementChild.cloneNode(true);
      section.dataset.siteId = site.id;
      this.sections.set(site.id, section);
    }
    section.querySelector('[data-site-name]').textContent = site.name;
    return section;
  }

  // A camera that moved to another site is dropped and rebuilt: moving a playing <video> between
  // sections would pause it anyway.
  removeTilesNotIn(cameras) {
    const wanted = new Map(cameras.map((camera) => [camera.id, siteKey(camera)]));
    for (const [id, entry] of this.tiles) {
      if (wanted.get(id) !== entry.siteId) {
        entry.tile.remove();
        this.tiles.delete(id);
      }
    }
  }

  removeEmptySections(keep) {
    for (const [id, section] of this.sections) {
      if (!keep.has(section)) {
        section.remove();
        this.sections.delete(id);
      }
    }
  }
}

function groupBySite(cameras) {
  const bySite = new Map();
  for (const camera of cameras) {
    const id = siteKey(camera);
    if (!bySite.has(id)) {
      const name = (camera.site && camera.site.name) || 'Unassigned cameras';
      bySite.set(id, { site: { id, name }, cameras: [] });
    }
    bySite.get(id).cameras.push(camera);
  }
  return bySite;
}

function siteKey(camera) {
  return (camera.site && camera.site.id) || '';
}

// Moves only the nodes that are out of place, so tiles that stay put are never detached.
function placeInOrder(parent, nodes) {
  nodes.forEach((node, index) => {
    if (parent.children[index] !== node) {
      parent.insertBefore(node, parent.children[index] || null);
    }
  });
}
