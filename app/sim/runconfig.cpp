#include "runconfig.h"

#include "engine/mockconfig.h"
#include "json/jsonreader.h"
#include "json/jsonwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace sw::gui::runconfig {

QString parseInput(const QString &text, Json *out)
{
    const QByteArray utf8 = text.trimmed().isEmpty() ? QByteArrayLiteral("{}") : text.toUtf8();
    const JsonReader::Result r = JsonReader::parse(utf8);
    if (!r.ok) return QStringLiteral("%1:%2: %3").arg(r.errorPos.line).arg(r.errorPos.column).arg(r.error);
    if (out) *out = r.value;
    return {};
}

namespace {

QString baseName(const QString &definitionPath)
{
    QString name = QFileInfo(definitionPath).fileName();
    for (const QLatin1String suffix : {QLatin1String(".asl.json"), QLatin1String(".json")}) {
        if (name.endsWith(suffix)) return name.chopped(suffix.size());
    }
    return name;
}

QStringList exampleDirs()
{
    QStringList dirs;
    dirs << QDir(QCoreApplication::applicationDirPath())
                .absoluteFilePath(QStringLiteral("../share/stepwise/examples"));
#ifdef STEPWISE_EXAMPLES_DIR
    dirs << QStringLiteral(STEPWISE_EXAMPLES_DIR);
#endif
    return dirs;
}

} // namespace

QStringList suggestedMockFiles(const QString &definitionPath)
{
    if (definitionPath.isEmpty()) return {};
    const QString base = baseName(definitionPath);
    QStringList dirs{QFileInfo(definitionPath).absolutePath()};
    // A bundled example (also its copy in ../shared/examples): offer the mocks that ship with it.
    for (const QString &d : exampleDirs()) {
        if (QFileInfo::exists(QDir(d).filePath(base + QStringLiteral(".asl.json")))) dirs << d;
    }
    QStringList out;
    for (const QString &d : std::as_const(dirs)) {
        for (const QString &suffix : {QStringLiteral(".mocks-config.json"), QStringLiteral(".mocks.json")}) {
            const QString path = QFileInfo(QDir(d).filePath(base + suffix)).canonicalFilePath();
            if (!path.isEmpty() && !out.contains(path)) out << path;
        }
    }
    return out;
}

QStringList testCases(const QString &mockPath, QString *error)
{
    QFile f(mockPath);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QStringLiteral("%1: %2").arg(mockPath, f.errorString());
        return {};
    }
    const JsonReader::Result r = JsonReader::parse(f.readAll());
    if (!r.ok) {
        if (error)
            *error = QStringLiteral("%1:%2:%3: %4")
                         .arg(mockPath)
                         .arg(r.errorPos.line)
                         .arg(r.errorPos.column)
                         .arg(r.error);
        return {};
    }
    if (!sim::MockConfig::looksLikeMockConfig(r.value)) return {};
    Diagnostics problems;
    const sim::MockConfig config = sim::MockConfig::parse(r.value, &problems);
    QStringList machines = config.stateMachines();
    if (machines.size() != 1) return {};
    QStringList cases = config.testCases(machines.first());
    cases.sort();
    return cases;
}

QString machineNameFor(const QString &definitionPath)
{
    const QString name = QFileInfo(definitionPath).fileName().section(QLatin1Char('.'), 0, 0);
    return name.isEmpty() ? QStringLiteral("StateMachine") : name;
}

Json mockSkeleton(const asl::StateMachine &machine, const QString &machineName)
{
    Json testCase = Json::object();
    Json responses = Json::object();
    for (const asl::State *s : machine.allStates()) {
        if (s->type != asl::StateType::Task) continue;
        const QString response = s->name + QStringLiteral("Success");
        testCase.insert(s->name, response);
        responses.insert(response,
                         Json{{QStringLiteral("0"), Json{{QStringLiteral("Return"), Json::object()}}}});
    }
    const Json cases{{QStringLiteral("HappyPath"), testCase}};
    const Json machines{{machineName, Json{{QStringLiteral("TestCases"), cases}}}};
    return Json{{QStringLiteral("StateMachines"), machines}, {QStringLiteral("MockedResponses"), responses}};
}

bool writeJsonFile(const QString &path, const Json &value, QString *error)
{
    QSaveFile f(path);
    const QByteArray text = JsonWriter::write(value, JsonWriter::Options{2, true, true});
    if (!f.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || f.write(text) != text.size() || !f.commit()) {
        if (error) *error = QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace sw::gui::runconfig
