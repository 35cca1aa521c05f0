// jsonata_bench's harness for one candidate build of the jsonata library: the benchmark wraps the
// library so that it defines `jsonata` in a private scope and calls this function with it. It
// registers Step Functions' functions that the conformance rows use, evaluates with $states bound,
// and reports results the same way for synchronous builds and for builds that return promises.
(function (jsonata) {
    function integer(n) {
        return n < 0 ? Math.ceil(n) : Math.floor(n);
    }
    function partition(array, size) {
        var chunk = integer(size);
        if (array.length === 0 || !(chunk > 0))
            return undefined;
        var out = [];
        for (var i = 0; i < array.length; i += chunk)
            out.push(array.slice(i, i + chunk));
        return out;
    }
    function range(start, end, step) {
        if (step === undefined)
            return undefined;
        var first = integer(start), last = integer(end), by = integer(step);
        if (by === 0 || (last - first) * by < 0)
            return undefined;
        var out = [];
        for (var v = first; by > 0 ? v <= last : v >= last; v += by)
            out.push(v);
        return out.length === 1 ? out[0] : out;
    }
    var depth = 0;

    var compiled = [];
    return {
        compile: function (text, depthHooks) {
            try {
                var expr = jsonata(text);
                expr.registerFunction('partition', partition, '<an:a>');
                expr.registerFunction('range', range, '<nnn?:x>');
                expr.registerFunction('parse', function (s) { return JSON.parse(s); }, '<s:x>');
                expr.assign('eval', undefined);
                if (depthHooks) {
                    expr.assign(Symbol.for('jsonata.__evaluate_entry'), function () {
                        if (++depth > 100)
                            throw { code: 'U1001', message: 'Stack overflow error' };
                    });
                    expr.assign(Symbol.for('jsonata.__evaluate_exit'), function () { --depth; });
                }
                compiled.push(expr);
                return compiled.length - 1;
            } catch (e) {
                return -1;
            }
        },
        // {done, kind: 'J' | 'U' | 'E', json}
        evaluate: function (id, bindingsJson) {
            var record = { done: false, kind: '', json: '' };
            function settle(value) {
                record.done = true;
                if (value === undefined) {
                    record.kind = 'U';
                } else {
                    record.kind = 'J';
                    record.json = JSON.stringify(value);
                }
            }
            function fail(e) {
                record.done = true;
                record.kind = 'E';
                record.json = e && e.code ? e.code + ': ' + e.message : String(e && e.message);
            }
            depth = 0;
            var result;
            try {
                result = compiled[id].evaluate(undefined, JSON.parse(bindingsJson));
            } catch (e) {
                fail(e);
                return record;
            }
            if (result !== null && typeof result === 'object' && typeof result.then === 'function')
                result.then(settle, fail);
            else
                settle(result);
            return record;
        }
    };
})
