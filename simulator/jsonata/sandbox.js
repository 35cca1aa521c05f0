// The JavaScript side of Stepwise's JSONata engine (see jsonataengine.h).
//
// The build splices the pinned jsonata library into the marked line below (jsonata 2.0.6, made
// synchronous by removing its async/await keywords; simulator/jsonata/makesandbox.cmake) and
// embeds the result as a Qt resource. JsonataEngine evaluates this file once per QJSEngine: it is a
// function expression taking the host bridge and returning the driver.
//
// What the sandbox guarantees:
// - the library sees no real clock and no entropy: `Date` is a virtual clock set before every
//   evaluation and `Math.random` draws from the execution's seeded RandomSource (through the host);
// - the library and the expressions reach no global object: `module`, `exports`, `window`, `self`
//   and `global` are local to the library's scope, and QJSEngine has no I/O extensions installed;
// - expressions see only `$states`, the workflow variables they name, JSONata's own functions and
//   the six functions Step Functions adds ($partition, $range, $hash, $random, $uuid, $parse);
//   `$eval` is unbound, as on AWS.
(function (host) {
    var RealDate = Date;
    var clock = { now: 0 };

    // Only `new Date()` (no argument) reads the clock; every other form is the real constructor.
    function VirtualDate() {
        var n = arguments.length;
        if (n === 0)
            return new RealDate(clock.now);
        if (n === 1)
            return new RealDate(arguments[0]);
        var args = [null];
        for (var i = 0; i < n; ++i)
            args.push(arguments[i]);
        return new (Function.prototype.bind.apply(RealDate, args))();
    }
    VirtualDate.prototype = RealDate.prototype;
    VirtualDate.now = function () { return clock.now; };
    VirtualDate.UTC = RealDate.UTC;
    VirtualDate.parse = RealDate.parse;

    var SeededMath = Object.create(Math);
    SeededMath.random = function () { return host.random(); };

    // With async/await removed, the library's only remaining Promise use is Promise.all over
    // already-computed values.
    var SyncPromise = { all: function (values) { return values; } };

    var jsonata = (function (Promise, Date, Math) {
        var module = { exports: {} };
        var exports = module.exports;
        var define, window, self, global;
// @JSONATA_LIBRARY@
        return module.exports;
    })(SyncPromise, VirtualDate, SeededMath);

    // AWS's recursion limit and the messages of JSONata's own time-box helper, which AWS's
    // documented errors ("Stack overflow error", "Expression evaluation timeout") match.
    var maxDepth = 100;
    var depth = 0;
    // Evaluation steps since the engine was loaded: Qt 6.4's V4 slows down by two orders of
    // magnitude after a few hundred thousand (a garbage collection per allocation, not a leak), so
    // JsonataEngine replaces the whole QJSEngine well before that (docs/jsonata.md).
    var steps = 0;
    var stackOverflow = 'Stack overflow error: Check for non-terminating recursive function.  '
        + 'Consider rewriting as tail-recursive.';
    function enter() {
        ++steps;
        if (++depth > maxDepth)
            throw { code: 'U1001', message: stackOverflow };
    }
    function leave() {
        --depth;
    }

    // AWS rounds the integer arguments of its functions; observed towards zero.
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

    // JSONata's own bound for its range operator [a..b].
    var rangeLimit = 1e7;

    function range(start, end, step) {
        if (step === undefined)
            return undefined;
        var first = integer(start), last = integer(end), by = integer(step);
        if (by === 0 || (last - first) * by < 0)
            return undefined;
        if (Math.floor((last - first) / by) + 1 > rangeLimit)
            throw { message: 'Expression evaluation memory limit exceeded' };
        var out = [];
        for (var v = first; by > 0 ? v <= last : v >= last; v += by)
            out.push(v);
        // A one-value range is the value itself (AWS, recorded: $range(1, 9, 9) is 1).
        return out.length === 1 ? out[0] : out;
    }

    function hash(value, algorithm) {
        if (algorithm === undefined)
            return undefined;
        var digest = host.hash(value, algorithm);
        if (digest === '')
            throw { message: 'Unsupported hash algorithm: ' + JSON.stringify(algorithm)
                    + '. Supported: MD5, SHA-1, SHA-256, SHA-384, SHA-512' };
        return digest;
    }

    function random(seed) {
        return seed === undefined ? host.random() : host.seededRandom(integer(seed));
    }

    function uuid() {
        return host.uuid();
    }

    function parse(text) {
        return JSON.parse(text);
    }

    function isFunctionValue(v) {
        return typeof v === 'function'
            || (v !== null && typeof v === 'object'
                && (v._jsonata_lambda === true || v._jsonata_function === true));
    }

    // JSON.stringify drops functions nested in objects and nulls them in arrays; JSONata's own
    // function values are plain objects, so they get the same treatment here.
    function jsonReplacer(key, value) {
        return isFunctionValue(value) ? undefined : value;
    }

    function describe(e) {
        if (e === null || e === undefined)
            return 'Unknown error';
        if (typeof e === 'object' && typeof e.code === 'string' && typeof e.message === 'string')
            return e.code + ': ' + e.message;
        if (typeof e === 'object' && typeof e.message === 'string')
            return e.message;
        return String(e);
    }

    // How the expression uses each `$name` (workflow variables, $states, functions, locals): the
    // member paths it reads through, e.g. $states.input.order.id reads ['input', 'order', 'id'].
    // An empty path means the whole value (a bare $name, a filter on it, `$name.*`...). The engine
    // converts only those parts of large values; the paths are a superset of what evaluation reads.
    function collectUses(node, uses, seen) {
        if (node === null || typeof node !== 'object' || seen.has(node))
            return;
        seen.add(node);
        if (Array.isArray(node)) {
            for (var i = 0; i < node.length; ++i)
                collectUses(node[i], uses, seen);
            return;
        }
        if (node.type === 'path' && Array.isArray(node.steps) && node.steps.length > 1) {
            var head = node.steps[0];
            if (head.type === 'variable' && typeof head.value === 'string' && !hasOperators(head)) {
                var path = [];
                for (var k = 1; k < node.steps.length && node.steps[k].type === 'name'; ++k) {
                    path.push(node.steps[k].value);
                    if (hasOperators(node.steps[k]))
                        break;
                }
                addUse(uses, head.value, path);
                seen.add(head);
            }
        } else if (node.type === 'variable' && typeof node.value === 'string') {
            addUse(uses, node.value, []);
        } else if (node.type === 'parent') {
            // `%` reads the parent of a step: nothing may be left out.
            uses.wholeParents = true;
        }
        for (var key in node) {
            if (Object.prototype.hasOwnProperty.call(node, key) && key !== 'value')
                collectUses(node[key], uses, seen);
        }
    }

    function hasOperators(step) {
        return step.predicate !== undefined || step.stages !== undefined || step.group !== undefined
            || step.focus !== undefined || step.index !== undefined || step.tuple !== undefined;
    }

    function addUse(uses, name, path) {
        if (!Object.prototype.hasOwnProperty.call(uses.paths, name)) {
            uses.paths[name] = [];
            uses.names.push(name);
        }
        uses.paths[name].push(path);
    }

    // ["name", "name\u0001member\u0001member", ...]: one entry per use; a bare name is the whole value.
    function encodeUses(uses) {
        var out = [];
        for (var i = 0; i < uses.names.length; ++i) {
            var name = uses.names[i];
            var paths = uses.paths[name];
            for (var j = 0; j < paths.length; ++j)
                out.push(uses.wholeParents || paths[j].length === 0 ? name : [name].concat(paths[j]).join('\u0001'));
        }
        return out;
    }

    function prepare(text) {
        var expr = jsonata(text);
        expr.registerFunction('partition', partition, '<an:a>');
        expr.registerFunction('range', range, '<nnn?:x>');
        expr.registerFunction('hash', hash, '<ss?:s>');
        expr.registerFunction('random', random, '<n?:n>');
        expr.registerFunction('uuid', uuid, '<:s>');
        expr.registerFunction('parse', parse, '<s:x>');
        expr.assign('eval', undefined);
        expr.assign(Symbol.for('jsonata.__evaluate_entry'), enter);
        expr.assign(Symbol.for('jsonata.__evaluate_exit'), leave);
        return expr;
    }

    var compiled = [];
    var bindings = {};

    return {
        // {id, uses} or {error}
        compile: function (text) {
            var expr;
            try {
                expr = prepare(text);
            } catch (e) {
                return { error: describe(e) };
            }
            var uses = { names: [], paths: {}, wholeParents: false };
            collectUses(expr.ast(), uses, new Set());
            compiled.push(expr);
            return { id: compiled.length - 1, uses: encodeUses(uses) };
        },
        // The error of a syntax check, or '' when the expression parses.
        check: function (text) {
            try {
                jsonata(text);
                return '';
            } catch (e) {
                return describe(e);
            }
        },
        forget: function () {
            compiled = [];
        },
        steps: function () {
            return steps;
        },
        // The values of $states and of the variables for the next run()s, as one JSON object.
        begin: function (bindingsJson, nowMillis) {
            bindings = JSON.parse(bindingsJson);
            clock.now = nowMillis;
        },
        // 'J' + JSON text | 'U' (undefined) | 'F' (a function) | 'E' + error text
        run: function (id) {
            depth = 0;
            var result;
            try {
                result = compiled[id].evaluate(undefined, bindings);
            } catch (e) {
                return 'E' + describe(e);
            }
            if (result === undefined)
                return 'U';
            if (isFunctionValue(result))
                return 'F';
            try {
                return 'J' + JSON.stringify(result, jsonReplacer);
            } catch (e) {
                return 'E' + describe(e);
            }
        }
    };
})
