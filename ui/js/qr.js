// A small QR Code encoder (ISO/IEC 18004): byte mode (UTF-8), error correction level M,
// versions 1–10 (up to 213 bytes). Enough for the payment links and verification codes the
// departments send; the kiosk has no network to fetch a library from.

const EC_LEVEL_M_FORMAT_BITS = 0; // L = 1, M = 0, Q = 3, H = 2

// Per version (index 1–10), level M: EC codewords per block and the blocks' data-codeword counts.
const BLOCKS_M = [
  null,
  { ec: 10, data: [16] },
  { ec: 16, data: [28] },
  { ec: 26, data: [44] },
  { ec: 18, data: [32, 32] },
  { ec: 24, data: [43, 43] },
  { ec: 16, data: [27, 27, 27, 27] },
  { ec: 18, data: [31, 31, 31, 31] },
  { ec: 22, data: [38, 38, 39, 39] },
  { ec: 22, data: [36, 36, 36, 37, 37] },
  { ec: 26, data: [43, 43, 43, 43, 44] },
];

const ALIGNMENT = [
  null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34],
  [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
];

export const MAX_VERSION = 10;

/** Number of modules per side of a symbol of `version`. */
export function sizeOf(version) {
  return 17 + 4 * version;
}

function dataCapacityBits(version) {
  return BLOCKS_M[version].data.reduce((a, b) => a + b, 0) * 8;
}

function countBits(version) {
  return version <= 9 ? 8 : 16;
}

/** The smallest version (1–10) that holds `byteCount` bytes in byte mode at level M, or 0. */
export function versionFor(byteCount) {
  for (let v = 1; v <= MAX_VERSION; v++) {
    if (4 + countBits(v) + 8 * byteCount <= dataCapacityBits(v)) return v;
  }
  return 0;
}

// --- Reed–Solomon over GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1 -------------------------

function gfMultiply(x, y) {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z & 0xff;
}

function rsDivisor(degree) {
  const result = new Array(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      result[j] = gfMultiply(result[j], root);
      if (j + 1 < degree) result[j] ^= result[j + 1];
    }
    root = gfMultiply(root, 0x02);
  }
  return result;
}

function rsRemainder(data, divisor) {
  const result = new Array(divisor.length).fill(0);
  for (const b of data) {
    const factor = b ^ result.shift();
    result.push(0);
    for (let i = 0; i < divisor.length; i++) result[i] ^= gfMultiply(divisor[i], factor);
  }
  return result;
}

// --- Codewords ------------------------------------------------------------------------------

function dataCodewords(bytes, version) {
  const bits = [];
  const push = (value, length) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  push(0b0100, 4); // byte mode
  push(bytes.length, countBits(version));
  for (const b of bytes) push(b, 8);
  const capacity = dataCapacityBits(version);
  push(0, Math.min(4, capacity - bits.length)); // terminator
  while (bits.length % 8 !== 0) bits.push(0);
  const codewords = [];
  for (let i = 0; i < bits.length; i += 8) {
    let b = 0;
    for (let j = 0; j < 8; j++) b = (b << 1) | bits[i + j];
    codewords.push(b);
  }
  for (let pad = 0xec; codewords.length < capacity / 8; pad ^= 0xec ^ 0x11) codewords.push(pad);
  return codewords;
}

function interleave(codewords, version) {
  const { ec, data } = BLOCKS_M[version];
  const divisor = rsDivisor(ec);
  const blocks = [];
  let offset = 0;
  for (const length of data) {
    const block = codewords.slice(offset, offset + length);
    offset += length;
    blocks.push({ data: block, ec: rsRemainder(block, divisor) });
  }
  const result = [];
  const longest = Math.max(...data);
  for (let i = 0; i < longest; i++) {
    for (const block of blocks) if (i < block.data.length) result.push(block.data[i]);
  }
  for (let i = 0; i < ec; i++) {
    for (const block of blocks) result.push(block.ec[i]);
  }
  return result;
}

// --- Matrix ---------------------------------------------------------------------------------

class Matrix {
  constructor(version) {
    this.version = version;
    this.size = sizeOf(version);
    this.dark = Array.from({ length: this.size }, () => new Array(this.size).fill(false));
    this.fixed = Array.from({ length: this.size }, () => new Array(this.size).fill(false));
  }

  setFunction(x, y, dark) {
    this.dark[y][x] = dark;
    this.fixed[y][x] = true;
  }

  drawFunctionPatterns() {
    const size = this.size;
    for (let i = 0; i < size; i++) {
      this.setFunction(6, i, i % 2 === 0);
      this.setFunction(i, 6, i % 2 === 0);
    }
    this.drawFinder(3, 3);
    this.drawFinder(size - 4, 3);
    this.drawFinder(3, size - 4);
    const positions = ALIGNMENT[this.version];
    const n = positions.length;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const corner = (i === 0 && j === 0) || (i === 0 && j === n - 1) || (i === n - 1 && j === 0);
        if (!corner) this.drawAlignment(positions[i], positions[j]);
      }
    }
    this.drawFormatBits(0); // reserves the area; redrawn with the chosen mask
    this.drawVersion();
  }

  drawFinder(x, y) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const distance = Math.max(Math.abs(dx), Math.abs(dy));
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && xx < this.size && yy >= 0 && yy < this.size) {
          this.setFunction(xx, yy, distance !== 2 && distance !== 4);
        }
      }
    }
  }

  drawAlignment(x, y) {
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) {
        this.setFunction(x + dx, y + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    }
  }

  drawFormatBits(mask) {
    const data = (EC_LEVEL_M_FORMAT_BITS << 3) | mask;
    let rem = data;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    const bits = ((data << 10) | rem) ^ 0x5412;
    const bit = (i) => ((bits >>> i) & 1) !== 0;
    const size = this.size;
    for (let i = 0; i <= 5; i++) this.setFunction(8, i, bit(i));
    this.setFunction(8, 7, bit(6));
    this.setFunction(8, 8, bit(7));
    this.setFunction(7, 8, bit(8));
    for (let i = 9; i < 15; i++) this.setFunction(14 - i, 8, bit(i));
    for (let i = 0; i < 8; i++) this.setFunction(size - 1 - i, 8, bit(i));
    for (let i = 8; i < 15; i++) this.setFunction(8, size - 15 + i, bit(i));
    this.setFunction(8, size - 8, true); // the dark module
  }

  drawVersion() {
    if (this.version < 7) return;
    let rem = this.version;
    for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
    const bits = (this.version << 12) | rem;
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) !== 0;
      const a = this.size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      this.setFunction(a, b, dark);
      this.setFunction(b, a, dark);
    }
  }

  drawCodewords(codewords) {
    let i = 0;
    const total = codewords.length * 8;
    for (let right = this.size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (let vert = 0; vert < this.size; vert++) {
        for (let j = 0; j < 2; j++) {
          const x = right - j;
          const upward = ((right + 1) & 2) === 0;
          const y = upward ? this.size - 1 - vert : vert;
          if (!this.fixed[y][x] && i < total) {
            this.dark[y][x] = ((codewords[i >>> 3] >>> (7 - (i & 7))) & 1) !== 0;
            i++;
          }
        }
      }
    }
  }

  applyMask(mask) {
    for (let y = 0; y < this.size; y++) {
      for (let x = 0; x < this.size; x++) {
        if (!this.fixed[y][x] && maskBit(mask, x, y)) this.dark[y][x] = !this.dark[y][x];
      }
    }
  }

  penalty() {
    const size = this.size;
    const m = this.dark;
    let score = 0;
    // Rule 1: runs of five or more of one colour, in rows and columns.
    for (let pass = 0; pass < 2; pass++) {
      for (let a = 0; a < size; a++) {
        let run = 1;
        for (let b = 1; b < size; b++) {
          const here = pass === 0 ? m[a][b] : m[b][a];
          const before = pass === 0 ? m[a][b - 1] : m[b - 1][a];
          if (here === before) {
            run++;
          } else {
            if (run >= 5) score += 3 + (run - 5);
            run = 1;
          }
        }
        if (run >= 5) score += 3 + (run - 5);
      }
    }
    // Rule 2: 2×2 blocks of one colour.
    for (let y = 0; y < size - 1; y++) {
      for (let x = 0; x < size - 1; x++) {
        const c = m[y][x];
        if (c === m[y][x + 1] && c === m[y + 1][x] && c === m[y + 1][x + 1]) score += 3;
      }
    }
    // Rule 3: 1:1:3:1:1 finder-like patterns with four light modules on one side.
    const patterns = [
      [true, false, true, true, true, false, true, false, false, false, false],
      [false, false, false, false, true, false, true, true, true, false, true],
    ];
    for (let pass = 0; pass < 2; pass++) {
      for (let a = 0; a < size; a++) {
        for (let b = 0; b + 11 <= size; b++) {
          for (const pattern of patterns) {
            let same = true;
            for (let k = 0; k < 11 && same; k++) {
              const cell = pass === 0 ? m[a][b + k] : m[b + k][a];
              same = cell === pattern[k];
            }
            if (same) score += 40;
          }
        }
      }
    }
    // Rule 4: balance of dark and light.
    let dark = 0;
    for (const row of m) for (const cell of row) if (cell) dark++;
    const percent = (dark * 100) / (size * size);
    score += Math.floor(Math.abs(percent - 50) / 5) * 10;
    return score;
  }
}

function maskBit(mask, x, y) {
  switch (mask) {
    case 0: return (x + y) % 2 === 0;
    case 1: return y % 2 === 0;
    case 2: return x % 3 === 0;
    case 3: return (x + y) % 3 === 0;
    case 4: return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
    case 5: return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6: return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    case 7: return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
    default: throw new RangeError(`mask ${mask}`);
  }
}

/**
 * Encodes `text` (UTF-8, byte mode, level M) into a QR symbol.
 * Options: `mask` 0–7 to force a mask (default: the lowest penalty), `version` to force a minimum version.
 * Returns `{version, size, mask, modules}` where `modules[y][x]` is true for a dark module.
 * Throws RangeError when the text does not fit in version 10.
 */
export function encodeQR(text, options = {}) {
  const bytes = Array.from(new TextEncoder().encode(String(text)));
  let version = versionFor(bytes.length);
  if (version === 0) throw new RangeError(`QR payload too long (${bytes.length} bytes; at most 213)`);
  if (options.version && options.version > version) version = options.version;
  const codewords = interleave(dataCodewords(bytes, version), version);
  const build = (mask) => {
    const matrix = new Matrix(version);
    matrix.drawFunctionPatterns();
    matrix.drawCodewords(codewords);
    matrix.applyMask(mask);
    matrix.drawFormatBits(mask);
    return matrix;
  };
  let best = null;
  let bestMask = 0;
  if (options.mask !== undefined && options.mask !== null) {
    bestMask = options.mask;
    best = build(bestMask);
  } else {
    let bestScore = Infinity;
    for (let mask = 0; mask < 8; mask++) {
      const matrix = build(mask);
      const score = matrix.penalty();
      if (score < bestScore) {
        bestScore = score;
        best = matrix;
        bestMask = mask;
      }
    }
  }
  return { version, size: best.size, mask: bestMask, modules: best.dark };
}

/**
 * An SVG element drawing the symbol with a 4-module quiet zone: one <rect> per dark module
 * (x, y in module units), so the drawing can be checked module by module.
 */
export function qrSvg(qr, label) {
  const ns = 'http://www.w3.org/2000/svg';
  const quiet = 4;
  const extent = qr.size + 2 * quiet;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `${-quiet} ${-quiet} ${extent} ${extent}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', 'qr');
  svg.dataset.version = String(qr.version);
  svg.dataset.size = String(qr.size);
  svg.dataset.mask = String(qr.mask);
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('x', String(-quiet));
  background.setAttribute('y', String(-quiet));
  background.setAttribute('width', String(extent));
  background.setAttribute('height', String(extent));
  background.setAttribute('fill', '#fff');
  svg.append(background);
  const group = document.createElementNS(ns, 'g');
  group.setAttribute('fill', '#000');
  group.setAttribute('class', 'qr-modules');
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (!qr.modules[y][x]) continue;
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', String(x));
      rect.setAttribute('y', String(y));
      rect.setAttribute('width', '1');
      rect.setAttribute('height', '1');
      group.append(rect);
    }
  }
  svg.append(group);
  return svg;
}
