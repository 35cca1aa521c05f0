// Simulator throughput: transitions per second on the workloads. Prints a table, or JSON
// with --json; --write-dir DIR also writes each workload's definition and input for other tools.
#include "asl/asldocument.h"
#include "engine/execution.h"
#include "json/jsonwriter.h"
#include "jsonata/jsonataengine.h"
#include "workloads.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

using namespace sw;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const bool json = args.contains(QStringLiteral("--json"));
    QString writeDir;
    QString examples = QStringLiteral(STEPWISE_SOURCE_DIR "/resources/examples");
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--write-dir"))
            writeDir = args.at(i + 1);
        if (args.at(i) == QLatin1String("--examples"))
            examples = args.at(i + 1);
    }
    QTextStream out(stdout);
    Json results = Json::array();
    sim::JsonataEngine jsonata;
    if (!json)
        out << QStringLiteral("%1 %2 %3 %4 %5\n").arg(QStringLiteral("workload"), -26).arg(QStringLiteral("runs"), 6)
                   .arg(QStringLiteral("transitions"), 12).arg(QStringLiteral("seconds"), 9).arg(QStringLiteral("transitions/s"), 14);
    for (const Workload &w : simulatorWorkloads(examples)) {
        if (!writeDir.isEmpty()) {
            QDir().mkpath(writeDir);
            QFile d(writeDir + QLatin1Char('/') + w.name + QStringLiteral(".asl.json"));
            if (d.open(QIODevice::WriteOnly))
                d.write(JsonWriter::pretty(w.definition));
            QFile in(writeDir + QLatin1Char('/') + w.name + QStringLiteral(".input.json"));
            if (in.open(QIODevice::WriteOnly))
                in.write(JsonWriter::compact(w.input));
            QFile r(writeDir + QLatin1Char('/') + w.name + QStringLiteral(".runs"));
            if (r.open(QIODevice::WriteOnly))
                r.write(QByteArray::number(w.runs));
        }
        const asl::AslDocument doc = asl::AslDocument::fromText(JsonWriter::compact(w.definition));
        auto program = std::make_shared<const sim::Program>(doc.machine);
        sim::ExecutionOptions o;
        o.input = w.input;
        o.jsonata = &jsonata;
        o.recordHistory = false;
        qint64 transitions = 0;
        QString status;
        QElapsedTimer t;
        t.start();
        for (int r = 0; r < w.runs; ++r) {
            o.seed = quint64(r);
            sim::Execution ex(program, o);
            ex.runToCompletion();
            transitions += ex.transitions();
            status = sim::toString(ex.status());
        }
        const double seconds = double(t.nsecsElapsed()) / 1e9;
        const double rate = double(transitions) / seconds;
        results.append(Json{{QStringLiteral("workload"), w.name}, {QStringLiteral("runs"), w.runs},
                            {QStringLiteral("transitions"), transitions}, {QStringLiteral("seconds"), seconds},
                            {QStringLiteral("transitionsPerSecond"), rate}, {QStringLiteral("status"), status}});
        if (!json)
            out << QStringLiteral("%1 %2 %3 %4 %5  %6\n").arg(w.name, -26).arg(w.runs, 6).arg(transitions, 12)
                       .arg(seconds, 9, 'f', 3).arg(qint64(rate), 14).arg(status);
        out.flush();
    }
    if (json)
        out << QString::fromUtf8(JsonWriter::pretty(results)) << '\n';
    return 0;
}
