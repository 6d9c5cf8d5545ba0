// A one-line progress bar for a terminal; redrawn at most ten times a second.
export function createProgress(stream, total, label) {
  const started = Date.now();
  let drawn = 0;
  let sent = 0;

  function draw(force) {
    const now = Date.now();
    if (!force && now - drawn < 100) return;
    drawn = now;
    const fraction = total > 0 ? Math.min(sent / total, 1) : 1;
    const width = 24;
    const filled = Math.round(fraction * width);
    const seconds = Math.max((now - started) / 1000, 0.001);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    const text = `${label} [${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${formatBytes(sent)} / ${formatBytes(total)}  ${formatBytes(sent / seconds)}/s`;
    stream.write(`\r\x1b[K${text}`);
  }

  return {
    update(bytes) {
      sent += bytes;
      draw(false);
    },
    finish() {
      draw(true);
      stream.write('\r\x1b[K');
    },
  };
}

export function formatBytes(bytes) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}
