// A Promise replacement that settles synchronously: the "ES5 build + shim" candidate of
// jsonata_bench. jsonata-es5.js (regenerator + _asyncToGenerator) only needs the constructor,
// then/catch, resolve/reject and all; with this in place of Promise its evaluate() returns an
// already-settled thenable.
(function () {
  function SyncPromise(executor) {
    this._s = 0; this._v = undefined; this._q = null;
    var self = this, done = false;
    try {
      executor(function (v) { if (!done) { done = true; self._res(v); } },
               function (e) { if (!done) { done = true; self._set(2, e); } });
    } catch (e) { if (!done) { done = true; self._set(2, e); } }
  }
  SyncPromise.prototype._res = function (v) {
    if (v === this) { this._set(2, new TypeError('cycle')); return; }
    if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
      var then;
      try { then = v.then; } catch (e) { this._set(2, e); return; }
      if (typeof then === 'function') {
        var self = this, called = false;
        try {
          then.call(v, function (x) { if (!called) { called = true; self._res(x); } },
                       function (e) { if (!called) { called = true; self._set(2, e); } });
        } catch (e) { if (!called) { called = true; self._set(2, e); } }
        return;
      }
    }
    this._set(1, v);
  };
  SyncPromise.prototype._set = function (s, v) {
    this._s = s; this._v = v;
    var q = this._q; this._q = null;
    if (q) for (var i = 0; i < q.length; ++i) q[i]();
  };
  SyncPromise.prototype.then = function (onOk, onErr) {
    var self = this;
    return new SyncPromise(function (resolve, reject) {
      function run() {
        var cb = self._s === 1 ? onOk : onErr;
        if (typeof cb !== 'function') { (self._s === 1 ? resolve : reject)(self._v); return; }
        var r;
        try { r = cb(self._v); } catch (e) { reject(e); return; }
        resolve(r);
      }
      if (self._s) run(); else (self._q || (self._q = [])).push(run);
    });
  };
  SyncPromise.prototype['catch'] = function (f) { return this.then(undefined, f); };
  SyncPromise.resolve = function (v) { return v instanceof SyncPromise ? v : new SyncPromise(function (r) { r(v); }); };
  SyncPromise.reject = function (e) { return new SyncPromise(function (r, j) { j(e); }); };
  SyncPromise.all = function (items) {
    return new SyncPromise(function (resolve, reject) {
      var out = new Array(items.length), left = items.length;
      if (left === 0) { resolve(out); return; }
      items.forEach(function (it, i) {
        SyncPromise.resolve(it).then(function (v) { out[i] = v; if (--left === 0) resolve(out); }, reject);
      });
    });
  };
  return SyncPromise;
})()
