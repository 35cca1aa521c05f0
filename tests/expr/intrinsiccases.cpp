// Expected values: AWS developer guide ("Intrinsic functions for JSONPath states"), executions
// recorded on AWS (../shared/corpus/conformance and the localstack snapshots it was extracted from),
// and for MD5/SHA-384 an independent implementation (Python hashlib).
#include "intrinsiccases.h"

const QList<IntrinsicCase> &intrinsicEvaluationCases()
{
    static const QList<IntrinsicCase> cases = {
        // States.Format (AWS guide; recorded executions).
        {"format guide", "States.Format('Hello, my name is {}.', $.name)", R"({"name":"Arnav"})", R"("Hello, my name is Arnav.")"},
        {"format template from path", "States.Format($.template, $.name)", R"({"name":"Arnav","template":"Hello, my name is {}."})", R"("Hello, my name is Arnav.")"},
        {"format space", "States.Format('Formatting argument {}.', $.v)", R"({"v":" "})", R"("Formatting argument  .")"},
        {"format empty", "States.Format('Formatting argument {}.', $.v)", R"({"v":""})", R"("Formatting argument .")"},
        {"format int", "States.Format('Formatting argument {}.', $.v)", R"({"v":1})", R"("Formatting argument 1.")"},
        {"format double", "States.Format('Formatting argument {}.', $.v)", R"({"v":1.1})", R"("Formatting argument 1.1.")"},
        {"format null", "States.Format('Formatting argument {}.', $.v)", R"({"v":null})", R"("Formatting argument null.")"},
        {"format json string", "States.Format('Formatting argument {}.', $.v)", R"({"v":"{\"Arg1\": 1, \"Arg2\": []}"})", R"("Formatting argument {\"Arg1\": 1, \"Arg2\": []}.")"},
        {"format object", "States.Format('fst={} and snd={}.', $.a, $.b)", R"({"a":{"Arg1":1,"Arg2":[]},"b":{"Arg1":1,"Arg2":[]}})", R"("fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.")"},
        {"format escaped braces", "States.Format('\\{\\} {}', $.a)", R"({"a":"x"})", R"("{} x")"},
        {"format escaped quote", "States.Format('it\\'s {}', $.a)", R"({"a":"x"})", R"("it's x")"},
        // States.StringToJson / JsonToString.
        {"string to json guide", "States.StringToJson($.escapedJsonString)", R"({"escapedJsonString":"{\"foo\": \"bar\"}"})", R"({"foo":"bar"})"},
        {"string to json blank", "States.StringToJson($.v)", R"({"v":" "})", "null"},
        {"string to json null", "States.StringToJson($.v)", R"({"v":"null"})", "null"},
        {"string to json -0", "States.StringToJson($.v)", R"({"v":"-0"})", "0"},
        {"string to json true", "States.StringToJson($.v)", R"({"v":"true"})", "true"},
        {"string to json string", "States.StringToJson($.v)", R"({"v":"\"HelloWorld\""})", R"("HelloWorld")"},
        {"string to json array", "States.StringToJson($.v)", R"({"v":"[1, 2, \"HelloWorld\"]"})", R"([1,2,"HelloWorld"])"},
        {"json to string guide", "States.JsonToString($.unescapedJson)", R"({"unescapedJson":{"foo":"bar"}})", R"("{\"foo\":\"bar\"}")"},
        {"json to string null", "States.JsonToString($.v)", R"({"v":null})", R"("null")"},
        {"json to string 1", "States.JsonToString($.v)", R"({"v":1})", R"("1")"},
        {"json to string 1.1", "States.JsonToString($.v)", R"({"v":1.1})", R"("1.1")"},
        {"json to string string", "States.JsonToString($.v)", R"({"v":"HelloWorld"})", R"("\"HelloWorld\"")"},
        {"json to string array", "States.JsonToString($.v)", R"({"v":[1,2,"HelloWorld"]})", R"("[1,2,\"HelloWorld\"]")"},
        // Arrays.
        {"array guide", "States.Array($.Id)", R"({"Id":123456})", "[123456]"},
        {"array empty", "States.Array()", "{}", "[]"},
        {"array literals", "States.Array('a', 1, 1.5, true, null)", "{}", R"(["a",1,1.5,true,null])"},
        {"partition guide", "States.ArrayPartition($.inputArray, 4)", R"({"inputArray":[1,2,3,4,5,6,7,8,9]})", "[[1,2,3,4],[5,6,7,8],[9]]"},
        {"partition empty", "States.ArrayPartition($.a, 1)", R"({"a":[]})", "[]"},
        {"partition 3 by 2", "States.ArrayPartition($.a, 2)", R"({"a":[0,1,2]})", "[[0,1],[2]]"},
        {"partition bigger chunk", "States.ArrayPartition($.a, 5)", R"({"a":[0]})", "[[0]]"},
        {"contains guide", "States.ArrayContains($.inputArray, $.lookingFor)", R"({"inputArray":[1,2,3,4,5,6,7,8,9],"lookingFor":5})", "true"},
        {"contains null in empty", "States.ArrayContains($.a, $.b)", R"({"a":[],"b":null})", "false"},
        {"contains array", "States.ArrayContains($.a, $.b)", R"({"a":[[1,2,3],2],"b":[1,2,3]})", "true"},
        {"contains null absent", "States.ArrayContains($.a, $.b)", R"({"a":[[1,2,3],2],"b":null})", "false"},
        {"contains object", "States.ArrayContains($.a, $.b)", R"({"a":[{"1":2,"2":[]}],"b":{"1":2,"2":[]}})", "true"},
        {"contains false", "States.ArrayContains($.a, $.b)", R"({"a":[true,false],"b":false})", "true"},
        {"range guide", "States.ArrayRange(1, 9, 2)", "{}", "[1,3,5,7,9]"},
        {"range 0 10 3", "States.ArrayRange($.a, $.b, $.c)", R"({"a":0,"b":10,"c":3})", "[0,3,6,9]"},
        {"range 1 9 9", "States.ArrayRange($.a, $.b, $.c)", R"({"a":1,"b":9,"c":9})", "[1]"},
        {"range down", "States.ArrayRange(5, 1, -2)", "{}", "[5,3,1]"},
        {"range empty", "States.ArrayRange(5, 1, 2)", "{}", "[]"},
        {"get item guide", "States.ArrayGetItem($.inputArray, $.index)", R"({"inputArray":[1,2,3,4,5,6,7,8,9],"index":5})", "6"},
        {"length guide", "States.ArrayLength($.inputArray)", R"({"inputArray":[1,2,3,4,5,6,7,8,9]})", "9"},
        {"unique guide", "States.ArrayUnique($.inputArray)", R"({"inputArray":[1,2,3,3,3,3,3,3,4]})", "[1,2,3,4]"},
        // Encoding and hashing.
        {"base64 encode", "States.Base64Encode($.input)", R"({"input":"Data to encode"})", R"("RGF0YSB0byBlbmNvZGU=")"},
        {"base64 decode", "States.Base64Decode($.base64)", R"({"base64":"RGF0YSB0byBlbmNvZGU="})", R"("Data to encode")"},
        {"hash md5", "States.Hash($.d, 'MD5')", R"({"d":"input data"})", R"("812f45842bc6d66ee14572ce20db8e86")"},
        {"hash sha-1", "States.Hash($.Data, $.Algorithm)", R"({"Data":"input data","Algorithm":"SHA-1"})", R"("aaff4a450a104cd177d28d18d74485e8cae074b7")"},
        {"hash sha-256", "States.Hash($.d, 'SHA-256')", R"({"d":"input data"})", R"("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")"},
        {"hash sha-384", "States.Hash($.d, 'SHA-384')", R"({"d":"input data"})", R"("d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562")"},
        {"hash sha-512", "States.Hash($.d, 'SHA-512')", R"({"d":"input data"})", R"("6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4")"},
        // JSON merge (guide example and recorded execution).
        {"merge guide", "States.JsonMerge($.json1, $.json2, false)", R"({"json1":{"a":{"a1":1,"a2":2},"b":2},"json2":{"a":{"a3":1,"a4":2},"c":3}})", R"({"a":{"a3":1,"a4":2},"b":2,"c":3})"},
        {"merge recorded", "States.JsonMerge($.fst, $.snd, false)", R"({"fst":{"a":{"a1":1,"a2":2},"b":2,"d":3},"snd":{"a":{"a3":1,"a4":2},"c":3,"d":4}})", R"({"a":{"a3":1,"a4":2},"b":2,"d":4,"c":3})"},
        {"merge nested literal", "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $.f, false)", R"({"f":{"constant_input_field":"constant_value"}})", R"({"constant_in_literal":"false","constant_input_field":"constant_value"})"},
        // Math (recorded executions: each operand is rounded half up before adding).
        {"add guide", "States.MathAdd($.value1, $.step)", R"({"value1":111,"step":-1})", "110"},
        {"add 1.49+1.5", "States.MathAdd($.a, $.b)", R"({"a":1.49,"b":1.5})", "3"},
        {"add -1.49+-1.5", "States.MathAdd($.a, $.b)", R"({"a":-1.49,"b":-1.5})", "-2"},
        {"add 1.49+-1.49", "States.MathAdd($.a, $.b)", R"({"a":1.49,"b":-1.49})", "0"},
        {"add -1.51", "States.MathAdd($.a, $.b)", R"({"a":-1.51,"b":0})", "-2"},
        {"add 0.5", "States.MathAdd($.a, $.b)", R"({"a":0.5,"b":0})", "1"},
        {"add 2.5", "States.MathAdd($.a, $.b)", R"({"a":2.5,"b":0})", "3"},
        {"add -0.5+0.5", "States.MathAdd($.a, $.b)", R"({"a":-0.5,"b":0.5})", "1"},
        {"add -0.5", "States.MathAdd($.a, $.b)", R"({"a":-0.5,"b":0})", "0"},
        // Strings.
        {"split guide", "States.StringSplit($.inputString, $.splitter)", R"({"inputString":"1,2,3,4,5","splitter":","})", R"(["1","2","3","4","5"])"},
        {"split guide chars", "States.StringSplit($.inputString, $.splitter)", R"({"inputString":"This.is+a,test=string","splitter":".+,="})", R"(["This","is","a","test","string"])"},
        {"split space", "States.StringSplit($.a, $.b)", R"({"a":" ","b":","})", R"([" "])"},
        {"split drops empties", "States.StringSplit($.a, $.b)", R"({"a":", , ,","b":","})", R"([" "," "])"},
        {"split only delimiters", "States.StringSplit($.a, $.b)", R"({"a":",,,,","b":","})", "[]"},
        // Nesting and paths of every root.
        {"nested split", "States.ArrayGetItem(States.StringSplit($.arn, ':'), 3)", R"({"arn":"arn:aws:states:us-east-1"})", R"("us-east-1")"},
    };
    return cases;
}

const QList<IntrinsicCase> &intrinsicFailureCases()
{
    static const QList<IntrinsicCase> cases = {
        {"range over 1000", "States.ArrayRange(1, 1001, 1)", "{}", "States.IntrinsicFailure"},
        {"range step 0", "States.ArrayRange(1, 5, 0)", "{}", "States.IntrinsicFailure"},
        {"range non integer", "States.ArrayRange(1.5, 5, 1)", "{}", "States.IntrinsicFailure"},
        {"partition zero", "States.ArrayPartition($.a, 0)", R"({"a":[1]})", "States.IntrinsicFailure"},
        {"partition not array", "States.ArrayPartition($.a, 1)", R"({"a":"x"})", "States.IntrinsicFailure"},
        {"get item out of range", "States.ArrayGetItem($.a, 3)", R"({"a":[1,2,3]})", "States.IntrinsicFailure"},
        {"length of string", "States.ArrayLength($.a)", R"({"a":"abc"})", "States.IntrinsicFailure"},
        {"merge deep", "States.JsonMerge($.a, $.b, true)", R"({"a":{},"b":{}})", "States.IntrinsicFailure"},
        {"merge array", "States.JsonMerge($.a, $.b, false)", R"({"a":[],"b":{}})", "States.IntrinsicFailure"},
        {"add out of int range", "States.MathAdd($.a, 1)", R"({"a":2147483648})", "States.IntrinsicFailure"},
        {"add string", "States.MathAdd($.a, 1)", R"({"a":"1"})", "States.IntrinsicFailure"},
        {"hash unknown algorithm", "States.Hash($.a, 'SHA-3')", R"({"a":"x"})", "States.IntrinsicFailure"},
        {"string to json invalid", "States.StringToJson($.a)", R"({"a":"{nope"})", "States.IntrinsicFailure"},
        {"base64 invalid", "States.Base64Decode($.a)", R"({"a":"!!!"})", "States.IntrinsicFailure"},
        {"format too few values", "States.Format('{} {}', $.a)", R"({"a":1})", "States.IntrinsicFailure"},
        {"format too many values", "States.Format('{}', $.a, $.a)", R"({"a":1})", "States.IntrinsicFailure"},
        {"random end before start", "States.MathRandom(5, 1)", "{}", "States.IntrinsicFailure"},
        {"missing path", "States.Format('{}', $.missing)", R"({"a":1})", "States.Runtime"},
    };
    return cases;
}
