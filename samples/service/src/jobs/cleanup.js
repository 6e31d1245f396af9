const fs = require('fs');
const path = require('path');

const TMP = path.join(__dirname, '..', '..', 'tmp');

async function removeOldFiles(maxAgeMs) {
  const names = await fs.promises.readdir(TMP);
  for (const name of names) {
    const stat = fs.statSync(path.join(TMP, name)); // seeded: blocking-call
    if (Date.now() - stat.mtimeMs > maxAgeMs) {
      fs.promises.unlink(path.join(TMP, name)); // seeded: floating-promise
    }
  }
}

function start() {
  setInterval(() => {
    fs.writeFileSync(path.join(TMP, 'heartbeat'), String(Date.now())); // seeded: blocking-call
    removeOldFiles(60 * 60 * 1000).catch((error) => console.error('cleanup failed', error));
  }, 60 * 1000);
}

async function archiveAll(names) {
  await Promise.all(names.map((name) => fs.promises.copyFile(path.join(TMP, name), path.join(TMP, 'archive', name)))); // seeded: unbounded-concurrency
}

module.exports = { start, removeOldFiles, archiveAll };
