// stepwise_simrun DEFINITION... : simulates each definition with the inputs and mocks a user would
// choose for it, and does nothing else. tst_security runs it under strace to see which files and
// network resources the simulator touches.
//
// For DIR/NAME.asl.json (or DIR/definition.asl.json) the input is DIR/input.json when it exists,
// and the mocks DIR/mocks.json or DIR/NAME.mocks.json (a MockConfigFile's first state machine and
// test case, or a mock profile, which may read item files beside itself).
#include "asl/asldocument.h"
#include "engine/execution.h"
#include "engine/mockconfig.h"
#include "engine/mockloader.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"
#include "jsonata/jsonataengine.h"
#include "validate/validator.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

using namespace sw;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The machine and test case of a MockConfigFile to run, as `stepwise simulate` picks them when
// the file holds one of each; otherwise the first ones.
void pickTestCase(const QString &mocks, QString *machine, QString *testCase)
{
    const Json root = JsonReader::parse(readAll(mocks)).value;
    if (!sim::MockConfig::looksLikeMockConfig(root))
        return;
    const sim::MockConfig config = sim::MockConfig::parse(root, nullptr);
    if (config.stateMachines().isEmpty())
        return;
    *machine = config.stateMachines().first();
    const QStringList cases = config.testCases(*machine);
    if (!cases.isEmpty())
        *testCase = cases.first();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    sim::JsonataEngine jsonata;
    int runs = 0, failures = 0;
    for (const QString &path : app.arguments().mid(1)) {
        const QFileInfo fi(path);
        const QString dir = fi.absolutePath();
        const asl::AslDocument doc = asl::AslDocument::fromText(readAll(path));
        if (!doc.parsed || hasErrors(validate::validate(doc)))
            continue;
        QString mocks = dir + QStringLiteral("/mocks.json");
        if (!QFile::exists(mocks))
            mocks = dir + QLatin1Char('/') + fi.fileName().replace(QStringLiteral(".asl.json"), QStringLiteral(".mocks.json"));
        std::unique_ptr<sim::TaskBackend> backend;
        if (QFile::exists(mocks)) {
            QString machine, testCase, error;
            pickTestCase(mocks, &machine, &testCase);
            backend = sim::loadMocks(mocks, machine, testCase, &error);
            if (!backend) {
                out << path << ": mocks: " << error << '\n';
                ++failures;
                continue;
            }
        }
        sim::ExecutionOptions o;
        if (QFile::exists(dir + QStringLiteral("/input.json")))
            o.input = JsonReader::parse(readAll(dir + QStringLiteral("/input.json"))).value;
        o.backend = backend.get();
        o.jsonata = &jsonata;
        sim::Execution ex(std::make_shared<const sim::Program>(doc.machine), o);
        ex.runToCompletion();
        JsonWriter::compact(ex.awsHistory());
        ++runs;
    }
    out << "simulated " << runs << " definitions\n";
    return failures ? 1 : 0;
}
