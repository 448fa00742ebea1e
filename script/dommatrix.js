// DOMMatrix / DOMMatrixReadOnly / DOMPoint as the Geometry Interfaces spec defines
// them, minus CSS transform-list strings. Kept in JavaScript because nothing here
// touches Go state: getTransform, setTransform and addPath read these objects
// through their a…f / m11…m44 members like any other DOMMatrix2DInit.
//
// The program runs when a runtime is made and returns install, which builds the
// classes when a script first reads one of the globals (see lazy.go), defines
// the globals it is given and returns all four by name. Building then must not depend on what the
// script has changed since: install uses only what is captured here, index
// loops (no iterators) and descriptors without a prototype.
(function (g) {
  'use strict';
  const defineProperty = Object.defineProperty;
  const M = Symbol('matrix');
  const D2 = Symbol('is2D');
  return function install(names) {
    const keys = ['m11', 'm12', 'm13', 'm14', 'm21', 'm22', 'm23', 'm24', 'm31', 'm32', 'm33', 'm34', 'm41', 'm42', 'm43', 'm44'];

    function identity() { return [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]; }

    // mul returns a × b for column-major-by-name arrays in m11…m44 order, where a point
    // transforms as p' = M p with m41/m42 the translation (the spec's layout).
    function mul(a, b) {
      const r = new Array(16);
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) {
          let s = 0;
          for (let k = 0; k < 4; k++) s += a[k * 4 + j] * b[i * 4 + k];
          r[i * 4 + j] = s;
        }
      }
      return r;
    }

    function fromInit(init, name) {
      if (init === undefined || init === null) return {m: identity(), is2D: true};
      if (typeof init !== 'object' && typeof init !== 'function') {
        throw new TypeError("Failed to execute '" + name + "': parameter 1 is not of type 'DOMMatrixInit'.");
      }
      if (init[M]) return {m: init[M].slice(), is2D: init[D2]};
      const pairs = [['a', 'm11', 1], ['b', 'm12', 0], ['c', 'm21', 0], ['d', 'm22', 1], ['e', 'm41', 0], ['f', 'm42', 0]];
      const v = {};
      for (const [s, l, def] of pairs) {
        const sv = init[s] === undefined ? undefined : Number(init[s]);
        const lv = init[l] === undefined ? undefined : Number(init[l]);
        if (sv !== undefined && lv !== undefined && !Object.is(sv, lv) && !(sv === 0 && lv === 0)) {
          throw new TypeError("Failed to execute '" + name + "': The '" + s + "' property should equal the '" + l + "' property.");
        }
        v[l] = lv !== undefined ? lv : sv !== undefined ? sv : def;
      }
      const z = ['m13', 'm14', 'm23', 'm24', 'm31', 'm32', 'm34', 'm43'];
      let is2D = init.is2D === undefined ? undefined : Boolean(init.is2D);
      let flat = true;
      for (const k of z) { v[k] = init[k] === undefined ? 0 : Number(init[k]); if (v[k] !== 0) flat = false; }
      for (const k of ['m33', 'm44']) { v[k] = init[k] === undefined ? 1 : Number(init[k]); if (v[k] !== 1) flat = false; }
      if (is2D === true && !flat) {
        throw new TypeError("Failed to execute '" + name + "': The is2D member is set to true but the input matrix is a 3d matrix.");
      }
      if (is2D === undefined) is2D = flat;
      return {m: keys.map(k => v[k]), is2D};
    }

    class DOMMatrixReadOnly {
      constructor(init) {
        let m = identity(), is2D = true;
        if (init !== undefined) {
          if (typeof init === 'string') {
            if (init.trim() !== '' && init.trim() !== 'none') {
              throw new DOMException("Failed to construct 'DOMMatrix': CSS transform lists are not supported here.", 'SyntaxError');
            }
          } else {
            const seq = Array.from(init, Number);
            if (seq.length === 6) {
              m = [seq[0], seq[1], 0, 0, seq[2], seq[3], 0, 0, 0, 0, 1, 0, seq[4], seq[5], 0, 1];
            } else if (seq.length === 16) {
              m = seq; is2D = false;
            } else {
              throw new TypeError("Failed to construct 'DOMMatrix': The sequence must contain 6 elements for a 2D matrix or 16 elements for a 3D matrix.");
            }
          }
        }
        this[M] = m;
        this[D2] = is2D;
      }
      static fromMatrix(init) { const r = fromInit(init, 'fromMatrix'); return make(this, r.m, r.is2D); }
      static fromFloat32Array(a) { return new this(Array.from(a)); }
      static fromFloat64Array(a) { return new this(Array.from(a)); }
      get a() { return this[M][0]; } get b() { return this[M][1]; }
      get c() { return this[M][4]; } get d() { return this[M][5]; }
      get e() { return this[M][12]; } get f() { return this[M][13]; }
      get is2D() { return this[D2]; }
      get isIdentity() { const m = this[M], id = identity(); return m.every((v, i) => v === id[i]); }
      translate(tx = 0, ty = 0, tz = 0) { return DOMMatrix.fromMatrix(this).translateSelf(tx, ty, tz); }
      scale(sx = 1, sy = sx, sz = 1, ox = 0, oy = 0, oz = 0) { return DOMMatrix.fromMatrix(this).scaleSelf(sx, sy, sz, ox, oy, oz); }
      scaleNonUniform(sx = 1, sy = 1) { return DOMMatrix.fromMatrix(this).scaleSelf(sx, sy, 1, 0, 0, 0); }
      scale3d(s = 1, ox = 0, oy = 0, oz = 0) { return DOMMatrix.fromMatrix(this).scale3dSelf(s, ox, oy, oz); }
      rotate(rx = 0, ry, rz) { return DOMMatrix.fromMatrix(this).rotateSelf(rx, ry, rz); }
      skewX(sx = 0) { return DOMMatrix.fromMatrix(this).skewXSelf(sx); }
      skewY(sy = 0) { return DOMMatrix.fromMatrix(this).skewYSelf(sy); }
      multiply(other) { return DOMMatrix.fromMatrix(this).multiplySelf(other); }
      flipX() { return this.multiply(new DOMMatrix([-1, 0, 0, 1, 0, 0])); }
      flipY() { return this.multiply(new DOMMatrix([1, 0, 0, -1, 0, 0])); }
      inverse() { return DOMMatrix.fromMatrix(this).invertSelf(); }
      transformPoint(p = {}) {
        const m = this[M];
        const x = p.x === undefined ? 0 : +p.x, y = p.y === undefined ? 0 : +p.y;
        const z = p.z === undefined ? 0 : +p.z, w = p.w === undefined ? 1 : +p.w;
        return new DOMPoint(
          m[0] * x + m[4] * y + m[8] * z + m[12] * w,
          m[1] * x + m[5] * y + m[9] * z + m[13] * w,
          m[2] * x + m[6] * y + m[10] * z + m[14] * w,
          m[3] * x + m[7] * y + m[11] * z + m[15] * w);
      }
      toFloat32Array() { return new Float32Array(this[M]); }
      toFloat64Array() { return new Float64Array(this[M]); }
      toJSON() {
        const o = {};
        for (const k of ['a', 'b', 'c', 'd', 'e', 'f']) o[k] = this[k];
        keys.forEach((k, i) => { o[k] = this[M][i]; });
        o.is2D = this.is2D; o.isIdentity = this.isIdentity;
        return o;
      }
      toString() {
        const m = this[M];
        if (!m.every(Number.isFinite)) throw new DOMException('Cannot serialize a non-finite matrix.', 'InvalidStateError');
        if (this[D2]) return 'matrix(' + [m[0], m[1], m[4], m[5], m[12], m[13]].join(', ') + ')';
        return 'matrix3d(' + m.join(', ') + ')';
      }
    }
    for (let i = 0; i < keys.length; i++) {
      defineProperty(DOMMatrixReadOnly.prototype, keys[i], {__proto__: null, get() { return this[M][i]; }, configurable: true, enumerable: true});
    }

    function make(ctor, m, is2D) {
      const o = Object.create(ctor.prototype);
      o[M] = m;
      o[D2] = is2D;
      return o;
    }

    class DOMMatrix extends DOMMatrixReadOnly {
      multiplySelf(other) {
        const o = fromInit(other, 'multiplySelf');
        this[M] = mul(this[M], o.m);
        if (!o.is2D) this[D2] = false;
        return this;
      }
      preMultiplySelf(other) {
        const o = fromInit(other, 'preMultiplySelf');
        this[M] = mul(o.m, this[M]);
        if (!o.is2D) this[D2] = false;
        return this;
      }
      translateSelf(tx = 0, ty = 0, tz = 0) {
        const t = identity(); t[12] = +tx; t[13] = +ty; t[14] = +tz;
        this[M] = mul(this[M], t);
        if (+tz !== 0) this[D2] = false;
        return this;
      }
      scaleSelf(sx = 1, sy = sx, sz = 1, ox = 0, oy = 0, oz = 0) {
        this.translateSelf(ox, oy, oz);
        const s = identity(); s[0] = +sx; s[5] = +sy; s[10] = +sz;
        this[M] = mul(this[M], s);
        if (+sz !== 1) this[D2] = false;
        return this.translateSelf(-ox, -oy, -oz);
      }
      scale3dSelf(s = 1, ox = 0, oy = 0, oz = 0) { return this.scaleSelf(s, s, s, ox, oy, oz); }
      rotateSelf(rx = 0, ry, rz) {
        if (ry === undefined && rz === undefined) { rz = rx; rx = 0; ry = 0; }
        ry = ry === undefined ? 0 : ry; rz = rz === undefined ? 0 : rz;
        if (+rx !== 0 || +ry !== 0) this[D2] = false;
        const rad = Math.PI / 180;
        const rot = (axis, deg) => {
          const r = identity(), s = Math.sin(deg * rad), c = Math.cos(deg * rad);
          if (axis === 'z') { r[0] = c; r[1] = s; r[4] = -s; r[5] = c; }
          if (axis === 'y') { r[0] = c; r[2] = -s; r[8] = s; r[10] = c; }
          if (axis === 'x') { r[5] = c; r[6] = s; r[9] = -s; r[10] = c; }
          return r;
        };
        if (+rz) this[M] = mul(this[M], rot('z', +rz));
        if (+ry) this[M] = mul(this[M], rot('y', +ry));
        if (+rx) this[M] = mul(this[M], rot('x', +rx));
        return this;
      }
      skewXSelf(sx = 0) { const t = identity(); t[4] = Math.tan(sx * Math.PI / 180); this[M] = mul(this[M], t); return this; }
      skewYSelf(sy = 0) { const t = identity(); t[1] = Math.tan(sy * Math.PI / 180); this[M] = mul(this[M], t); return this; }
      invertSelf() {
        const m = this[M];
        if (this[D2]) {
          const det = m[0] * m[5] - m[1] * m[4];
          if (det === 0 || !Number.isFinite(det)) { this[M] = m.map(() => NaN); this[D2] = false; return this; }
          const a = m[5] / det, b = -m[1] / det, c = -m[4] / det, d = m[0] / det;
          const e = -(a * m[12] + c * m[13]), f = -(b * m[12] + d * m[13]);
          this[M] = [a, b, 0, 0, c, d, 0, 0, 0, 0, 1, 0, e, f, 0, 1];
          return this;
        }
        const inv = invert4(m);
        if (!inv) { this[M] = m.map(() => NaN); this[D2] = false; return this; }
        this[M] = inv;
        return this;
      }
      setMatrixValue() {
        throw new DOMException("Failed to execute 'setMatrixValue': CSS transform lists are not supported here.", 'SyntaxError');
      }
    }
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      defineProperty(DOMMatrix.prototype, k, {__proto__: null,
        get() { return this[M][i]; },
        set(v) { this[M][i] = +v; if (['m13', 'm14', 'm23', 'm24', 'm31', 'm32', 'm34', 'm43'].includes(k) ? +v !== 0 : (k === 'm33' || k === 'm44') && +v !== 1) this[D2] = false; },
        configurable: true, enumerable: true});
    }
    const names2D = ['a', 'b', 'c', 'd', 'e', 'f'], index2D = [0, 1, 4, 5, 12, 13];
    for (let j = 0; j < names2D.length; j++) {
      const i = index2D[j];
      defineProperty(DOMMatrix.prototype, names2D[j], {__proto__: null, get() { return this[M][i]; }, set(v) { this[M][i] = +v; }, configurable: true, enumerable: true});
    }

    function invert4(m) {
      // Cofactor expansion; the matrices here are small and rare.
      const a = m, inv = new Array(16);
      inv[0] = a[5] * a[10] * a[15] - a[5] * a[11] * a[14] - a[9] * a[6] * a[15] + a[9] * a[7] * a[14] + a[13] * a[6] * a[11] - a[13] * a[7] * a[10];
      inv[4] = -a[4] * a[10] * a[15] + a[4] * a[11] * a[14] + a[8] * a[6] * a[15] - a[8] * a[7] * a[14] - a[12] * a[6] * a[11] + a[12] * a[7] * a[10];
      inv[8] = a[4] * a[9] * a[15] - a[4] * a[11] * a[13] - a[8] * a[5] * a[15] + a[8] * a[7] * a[13] + a[12] * a[5] * a[11] - a[12] * a[7] * a[9];
      inv[12] = -a[4] * a[9] * a[14] + a[4] * a[10] * a[13] + a[8] * a[5] * a[14] - a[8] * a[6] * a[13] - a[12] * a[5] * a[10] + a[12] * a[6] * a[9];
      inv[1] = -a[1] * a[10] * a[15] + a[1] * a[11] * a[14] + a[9] * a[2] * a[15] - a[9] * a[3] * a[14] - a[13] * a[2] * a[11] + a[13] * a[3] * a[10];
      inv[5] = a[0] * a[10] * a[15] - a[0] * a[11] * a[14] - a[8] * a[2] * a[15] + a[8] * a[3] * a[14] + a[12] * a[2] * a[11] - a[12] * a[3] * a[10];
      inv[9] = -a[0] * a[9] * a[15] + a[0] * a[11] * a[13] + a[8] * a[1] * a[15] - a[8] * a[3] * a[13] - a[12] * a[1] * a[11] + a[12] * a[3] * a[9];
      inv[13] = a[0] * a[9] * a[14] - a[0] * a[10] * a[13] - a[8] * a[1] * a[14] + a[8] * a[2] * a[13] + a[12] * a[1] * a[10] - a[12] * a[2] * a[9];
      inv[2] = a[1] * a[6] * a[15] - a[1] * a[7] * a[14] - a[5] * a[2] * a[15] + a[5] * a[3] * a[14] + a[13] * a[2] * a[7] - a[13] * a[3] * a[6];
      inv[6] = -a[0] * a[6] * a[15] + a[0] * a[7] * a[14] + a[4] * a[2] * a[15] - a[4] * a[3] * a[14] - a[12] * a[2] * a[7] + a[12] * a[3] * a[6];
      inv[10] = a[0] * a[5] * a[15] - a[0] * a[7] * a[13] - a[4] * a[1] * a[15] + a[4] * a[3] * a[13] + a[12] * a[1] * a[7] - a[12] * a[3] * a[5];
      inv[14] = -a[0] * a[5] * a[14] + a[0] * a[6] * a[13] + a[4] * a[1] * a[14] - a[4] * a[2] * a[13] - a[12] * a[1] * a[6] + a[12] * a[2] * a[5];
      inv[3] = -a[1] * a[6] * a[11] + a[1] * a[7] * a[10] + a[5] * a[2] * a[11] - a[5] * a[3] * a[10] - a[9] * a[2] * a[7] + a[9] * a[3] * a[6];
      inv[7] = a[0] * a[6] * a[11] - a[0] * a[7] * a[10] - a[4] * a[2] * a[11] + a[4] * a[3] * a[10] + a[8] * a[2] * a[7] - a[8] * a[3] * a[6];
      inv[11] = -a[0] * a[5] * a[11] + a[0] * a[7] * a[9] + a[4] * a[1] * a[11] - a[4] * a[3] * a[9] - a[8] * a[1] * a[7] + a[8] * a[3] * a[5];
      inv[15] = a[0] * a[5] * a[10] - a[0] * a[6] * a[9] - a[4] * a[1] * a[10] + a[4] * a[2] * a[9] + a[8] * a[1] * a[6] - a[8] * a[2] * a[5];
      const det = a[0] * inv[0] + a[1] * inv[4] + a[2] * inv[8] + a[3] * inv[12];
      if (det === 0 || !Number.isFinite(det)) return null;
      return inv.map(v => v / det);
    }

    class DOMPointReadOnly {
      constructor(x = 0, y = 0, z = 0, w = 1) { this._x = +x; this._y = +y; this._z = +z; this._w = +w; }
      static fromPoint(p = {}) { return new this(p.x, p.y, p.z, p.w); }
      get x() { return this._x; } get y() { return this._y; } get z() { return this._z; } get w() { return this._w; }
      matrixTransform(m) { return DOMMatrixReadOnly.fromMatrix(m).transformPoint(this); }
      toJSON() { return {x: this._x, y: this._y, z: this._z, w: this._w}; }
    }
    class DOMPoint extends DOMPointReadOnly {
      get x() { return this._x; } set x(v) { this._x = +v; }
      get y() { return this._y; } set y(v) { this._y = +v; }
      get z() { return this._z; } set z(v) { this._z = +v; }
      get w() { return this._w; } set w(v) { this._w = +v; }
    }
    const classes = {__proto__: null, DOMMatrixReadOnly, DOMMatrix, DOMPointReadOnly, DOMPoint};
    for (let i = 0; i < names.length; i++) {
      defineProperty(g, names[i], {__proto__: null, value: classes[names[i]], writable: true, configurable: true});
    }
    return classes;
  };
})(globalThis);
