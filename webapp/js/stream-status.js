// Words for a camera's stream state as the health socket reports it: what an operator needs to read
// at a glance ("Snapshots every 2 s", "Offline since 14:02"), and the figures of a live stream.

/** One line describing the state, or '' when there is nothing to add to the badge. */
export function describe(h) {
  const since = h.since ? new Date(h.since).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '';
  switch (h.state) {
    case 'LIVE':
      return `${h.fps.toFixed(0)} fps · ${(h.bitrate / 1e6).toFixed(1)} Mbit/s`;
    case 'FALLBACK':
      return `Snapshots every ${h.fallbackEvery} s since ${since}; live video: ${h.lastError || 'lost'}`;
    case 'OFFLINE':
      return `Offline since ${since}: ${h.reason || ''}`;
    case 'STALLED':
      return h.reason || 'Live video stopped';
    default:
      return h.reason || '';
  }
}

/** States in which the reason is bad news, shown in red. */
export function isTrouble(state) {
  return state === 'OFFLINE' || state === 'STALLED' || state === 'ERROR';
}
