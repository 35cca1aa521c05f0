// stepwise_fuzz_seeds SHARED_DIR OUT_DIR [MAX_PER_TARGET]
//
// Writes the seed corpus of every fuzz target into OUT_DIR/<target>/ from the shared corpus
// (definitions, inputs, MockConfigFiles of ../shared/corpus), the bundled examples and mock
// profiles, and a few built-in inputs for formats the corpus lacks (schedules, mock profiles,
// execution histories as the AWS CLI prints them). Files are named by a hash of their content, so
// reruns do not duplicate; the shared corpus itself is never copied into the repository.
#include "entrypoints.h"

#include "asl/asldocument.h"
#include "engine/execution.h"
#include "engine/mockloader.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"
#include "jsonata/jsonataengine.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QTextStream>

#include <functional>

using namespace sw;

namespace {

constexpr qsizetype kMaxSeedBytes = 16 * 1024;

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(kMaxSeedBytes * 4) : QByteArray();
}

class Corpus
{
public:
    Corpus(const QString &out, int maxPerTarget) : m_out(out), m_max(maxPerTarget) {}

    void add(const QString &target, const QByteArray &data)
    {
        if (data.isEmpty() || data.size() > kMaxSeedBytes)
            return;
        m_candidates[target].insert(QCryptographicHash::hash(data, QCryptographicHash::Sha1).toHex().left(16), data);
    }

    // Writes at most maxPerTarget seeds per target: those with the smallest hashes, a selection
    // that is deterministic and spread over every source.
    void write() const
    {
        QTextStream out(stdout);
        for (auto t = m_candidates.cbegin(); t != m_candidates.cend(); ++t) {
            const QString dir = m_out + QLatin1Char('/') + t.key();
            QDir().mkpath(dir);
            int n = 0;
            for (auto it = t.value().cbegin(); it != t.value().cend() && n < m_max; ++it, ++n) {
                QFile f(dir + QLatin1Char('/') + QString::fromLatin1(it.key()));
                if (f.open(QIODevice::WriteOnly))
                    f.write(it.value());
            }
            out << "seeds: " << t.key() << ' ' << n << '\n';
        }
    }

private:
    QString m_out;
    int m_max;
    QMap<QString, QMap<QByteArray, QByteArray>> m_candidates; // target -> hash -> data
};

QByteArray joined(std::initializer_list<QByteArray> parts)
{
    QByteArray out;
    bool first = true;
    for (const QByteArray &p : parts) {
        if (!first)
            out.append('\0');
        out.append(p);
        first = false;
    }
    return out;
}

// Every string of a definition, with the key it is the value of.
void strings(const Json &v, const QString &key, const std::function<void(const QString &, const QString &)> &f)
{
    if (v.isString()) {
        f(key, v.stringRef());
    } else if (v.isArray()) {
        for (const Json &i : v.items())
            strings(i, key, f);
    } else if (v.isObject()) {
        for (const JsonMember &m : v.members())
            strings(m.value, m.key, f);
    }
}

void builtIns(Corpus &c)
{
    // Schedules: the examples of the EventBridge and EventBridge Scheduler guides, and edge cases.
    for (const char *s : {"cron(0 10 * * ? *)", "cron(15 12 * * ? *)", "cron(0 18 ? * MON-FRI *)",
                          "cron(0 8 1 * ? *)", "cron(0/15 * * * ? *)", "cron(0/10 * ? * MON-FRI *)",
                          "cron(0/5 8-17 ? * MON-FRI *)", "cron(0 9 ? * 2#1 *)", "cron(0 0 L * ? *)",
                          "cron(0 0 15W * ? *)", "cron(30 2 ? * 6L 2026-2030)", "cron(0,30 1,13 1-7,15 JAN,JUL ? *)",
                          "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)",
                          "rate(7 days)", "at(2026-01-01T00:00:00)", " cron(0 12 * * ? *) "})
        c.add(QStringLiteral("schedule"), s);

    // Mock profiles (docs/mocks.md).
    for (const char *p : {
             R"({"StepwiseMockProfile":1,"Default":{"Duration":1},"Resources":{"arn:aws:states:::lambda:invoke":{"Duration":{"Min":0.2,"Max":2},"Return":{"StatusCode":200,"Payload":{}}}}})",
             R"({"States":{"Train":{"Duration":{"Mean":1800,"StdDev":300},"FailureProbability":0.05,"Error":"States.TaskFailed","Cause":"reclaimed"}}})",
             R"({"States":{"Approve":{"Callback":{"After":3600,"Return":{"approved":true}}},"Manual":{"Callback":"Pending"},"Beat":{"HeartbeatInterval":10,"Duration":100}}})",
             R"({"States":{"Flaky":{"Invocations":{"0-1":{"Throw":{"Error":"Lambda.TooManyRequestsException"}},"2":{"Return":{"ok":true}}}}}})",
             R"({"States":{"Score":{"Outcomes":[{"Probability":0.8,"Return":{"score":0.93},"Duration":20},{"Weight":1,"Throw":{"Error":"E","Cause":"c"},"Duration":{"Exponential":5}}]}}})",
             R"({"ItemReaders":{"Files":{"File":"items.csv"},"Records":{"Items":[{"id":1},{"id":2}]},"Lines":{"File":"x.jsonl","InputType":"JSONL"}}})",
         })
        c.add(QStringLiteral("mock_profile"), p);

    // A history as `aws stepfunctions get-execution-history` prints it (ISO timestamps with an
    // offset), and as the API returns it (epoch seconds).
    c.add(QStringLiteral("history_import"), R"({"events":[
{"timestamp":"2024-03-04T10:15:02.123000+01:00","type":"ExecutionStarted","id":1,"previousEventId":0,"executionStartedEventDetails":{"input":"{\"n\":1}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/R"}},
{"timestamp":"2024-03-04T10:15:02.150000+01:00","type":"TaskStateEntered","id":2,"previousEventId":0,"stateEnteredEventDetails":{"name":"Call","input":"{\"n\":1}","inputDetails":{"truncated":false}}},
{"timestamp":"2024-03-04T10:15:02.160000+01:00","type":"TaskScheduled","id":3,"previousEventId":2,"taskScheduledEventDetails":{"resourceType":"lambda","resource":"invoke","region":"eu-west-1","parameters":"{\"FunctionName\":\"f\"}"}},
{"timestamp":"2024-03-04T10:15:02.170000+01:00","type":"TaskStarted","id":4,"previousEventId":3,"taskStartedEventDetails":{"resourceType":"lambda","resource":"invoke"}},
{"timestamp":"2024-03-04T10:15:03.000000+01:00","type":"TaskFailed","id":5,"previousEventId":4,"taskFailedEventDetails":{"resourceType":"lambda","resource":"invoke","error":"Lambda.ServiceException","cause":"boom"}},
{"timestamp":"2024-03-04T10:15:03.010000+01:00","type":"MapStateEntered","id":6,"previousEventId":5,"stateEnteredEventDetails":{"name":"Each","input":"[1,2]","inputDetails":{"truncated":false}}},
{"timestamp":"2024-03-04T10:15:03.020000+01:00","type":"MapStateStarted","id":7,"previousEventId":6,"mapStateStartedEventDetails":{"length":2}},
{"timestamp":"2024-03-04T10:15:03.030000+01:00","type":"MapIterationStarted","id":8,"previousEventId":7,"mapIterationStartedEventDetails":{"name":"Each","index":0}},
{"timestamp":"2024-03-04T10:15:03.040000+01:00","type":"PassStateEntered","id":9,"previousEventId":8,"stateEnteredEventDetails":{"name":"P","input":"1","inputDetails":{"truncated":false}}},
{"timestamp":"2024-03-04T10:15:03.050000+01:00","type":"PassStateExited","id":10,"previousEventId":9,"stateExitedEventDetails":{"name":"P","output":"1","outputDetails":{"truncated":false}}},
{"timestamp":"2024-03-04T10:15:03.060000+01:00","type":"MapIterationSucceeded","id":11,"previousEventId":10,"mapIterationSucceededEventDetails":{"name":"Each","index":0}},
{"timestamp":"2024-03-04T10:15:03.070000+01:00","type":"MapStateSucceeded","id":12,"previousEventId":11},
{"timestamp":"2024-03-04T10:15:03.080000+01:00","type":"MapStateExited","id":13,"previousEventId":12,"stateExitedEventDetails":{"name":"Each","output":"[1]","outputDetails":{"truncated":false}}},
{"timestamp":"2024-03-04T10:15:03.090000+01:00","type":"ExecutionFailed","id":14,"previousEventId":13,"executionFailedEventDetails":{"error":"E","cause":"C"}}]})");
    c.add(QStringLiteral("history_import"), R"({"events":[
{"executionStartedEventDetails":{"input":"{}","inputDetails":{"truncated":false},"roleArn":"arn:aws:iam::123456789012:role/R"},"id":1,"previousEventId":0,"timestamp":1.592252513287E9,"type":"ExecutionStarted"},
{"id":2,"previousEventId":0,"stateEnteredEventDetails":{"input":"{}","inputDetails":{"truncated":false},"name":"HelloWorld"},"timestamp":1.592252513296E9,"type":"PassStateEntered"},
{"id":3,"previousEventId":2,"stateExitedEventDetails":{"name":"HelloWorld","output":"\"Hello World!\"","outputDetails":{"truncated":false}},"timestamp":1.592252513296E9,"type":"PassStateExited"},
{"executionSucceededEventDetails":{"output":"\"Hello World!\"","outputDetails":{"truncated":false}},"id":4,"previousEventId":3,"timestamp":1.592252513296E9,"type":"ExecutionSucceeded"}]})");

    // JSON edge cases the corpus does not have.
    for (const char *j : {"\xEF\xBB\xBF{\"a\":1}\n", R"(["\ud83d\ude00","\u00e9\n\t\"\\\/",-0,1e999,1E-400,12345678901234567890])",
                          R"({"a":{"a":{"a":[[[[{}]]]]}},"a":2})", "  \n\t[]  ", "\"\\uD800\""})
        c.add(QStringLiteral("json_reader"), j);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        QTextStream(stderr) << "usage: stepwise_fuzz_seeds SHARED_DIR OUT_DIR [MAX_PER_TARGET]\n";
        return 2;
    }
    const QString shared = args.at(1);
    const int max = args.size() > 3 ? args.at(3).toInt() : 300;
    Corpus c(args.at(2), max > 0 ? max : 300);
    builtIns(c);
    sim::JsonataEngine jsonata;

    // Bundled examples and their mock files (in the repository).
    QDir examples(QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples"));
    for (const QString &f : examples.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        const QByteArray data = readAll(examples.filePath(f));
        if (f.endsWith(QLatin1String(".asl.json"))) {
            c.add(QStringLiteral("asl_validate"), data);
            c.add(QStringLiteral("simulate"), data);
        } else {
            c.add(f.contains(QLatin1String("config")) ? QStringLiteral("mock_config") : QStringLiteral("mock_profile"), data);
        }
    }

    // Conformance cases: definition, input and mocks, recorded on AWS.
    QStringList cases = QDir(shared + QStringLiteral("/corpus/conformance")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : cases) {
        const QString dir = shared + QStringLiteral("/corpus/conformance/") + name;
        const QByteArray definition = readAll(dir + QStringLiteral("/definition.asl.json"));
        const QByteArray input = readAll(dir + QStringLiteral("/input.json"));
        const QByteArray mocks = readAll(dir + QStringLiteral("/mocks.json"));
        c.add(QStringLiteral("json_reader"), definition);
        c.add(QStringLiteral("json_reader"), input);
        c.add(QStringLiteral("asl_validate"), definition);
        c.add(QStringLiteral("simulate"), joined({definition, input, mocks}));
        if (!mocks.isEmpty())
            c.add(QStringLiteral("mock_config"), mocks);
        const Json root = JsonReader::parseOrUndefined(definition);
        const QByteArray compactInput = JsonWriter::compact(JsonReader::parseOrUndefined(input));
        strings(root, QString(), [&](const QString &key, const QString &value) {
            if (value.startsWith(QLatin1String("States.")))
                c.add(QStringLiteral("intrinsics"), joined({value.toUtf8(), compactInput}));
            else if (value.startsWith(QLatin1Char('$')) && (key.endsWith(QLatin1String("Path")) || key.endsWith(QLatin1String(".$")) || key == QLatin1String("Variable")))
                c.add(QStringLiteral("jsonpath"), joined({value.toUtf8(), compactInput}));
        });

        // Its execution history, as the simulator exports it (AWS's GetExecutionHistory shape).
        const asl::AslDocument doc = asl::AslDocument::fromText(definition);
        if (!doc.parsed)
            continue;
        std::unique_ptr<sim::TaskBackend> backend;
        if (!mocks.isEmpty()) {
            QString error;
            backend = sim::loadMocks(dir + QStringLiteral("/mocks.json"), name, QStringLiteral("RecordedExecution"), &error);
        }
        sim::ExecutionOptions o;
        o.input = JsonReader::parseOrUndefined(input);
        o.backend = backend.get();
        o.jsonata = &jsonata;
        o.maxEvents = 200;
        sim::Execution ex(std::make_shared<const sim::Program>(doc.machine), o);
        ex.runToCompletion();
        c.add(QStringLiteral("history_import"), JsonWriter::compact(ex.awsHistory()));
    }

    // Validation and real-world definitions (valid and invalid).
    for (const QString &sub : {QStringLiteral("validation/valid"), QStringLiteral("validation/invalid"), QStringLiteral("real-world")}) {
        QDir d(shared + QStringLiteral("/corpus/") + sub);
        for (const QString &f : d.entryList(QDir::Files, QDir::Name)) {
            if (!f.endsWith(QLatin1String(".json")))
                continue;
            const QByteArray data = readAll(d.filePath(f));
            c.add(QStringLiteral("asl_validate"), data);
            c.add(QStringLiteral("json_reader"), data);
        }
    }
    c.write();
    return 0;
}
