#include "workloads.h"

#include "json/jsonreader.h"

#include <QFile>

using sw::Json;

namespace {

Json passChain(int n, const QString &prefix, bool end)
{
    Json states = Json::object();
    for (int i = 0; i < n; ++i) {
        Json s{{QStringLiteral("Type"), QStringLiteral("Pass")}};
        if (i + 1 < n)
            s.insert(QStringLiteral("Next"), QStringLiteral("%1%2").arg(prefix).arg(i + 1));
        else if (end)
            s.insert(QStringLiteral("End"), true);
        states.insert(QStringLiteral("%1%2").arg(prefix).arg(i), s);
    }
    return states;
}

} // namespace

QList<Workload> simulatorWorkloads(const QString &examplesDir)
{
    QList<Workload> out;

    // A Map of 1000 items, each iteration a chain of 5 Pass states.
    {
        Json processor{{QStringLiteral("StartAt"), QStringLiteral("P0")}, {QStringLiteral("States"), passChain(5, QStringLiteral("P"), true)}};
        Json def{{QStringLiteral("StartAt"), QStringLiteral("Items")},
                 {QStringLiteral("States"),
                  Json{{QStringLiteral("Items"), Json{{QStringLiteral("Type"), QStringLiteral("Map")},
                                                      {QStringLiteral("ItemProcessor"), processor},
                                                      {QStringLiteral("End"), true}}}}}};
        QList<Json> items;
        for (int i = 0; i < 1000; ++i)
            items.append(Json{{QStringLiteral("id"), i}, {QStringLiteral("name"), QStringLiteral("item-%1").arg(i)}});
        out.append(Workload{QStringLiteral("map-1000x5-pass"), def, Json::array(items), 20});
    }

    // A chain of 2000 Pass states.
    {
        Json def{{QStringLiteral("StartAt"), QStringLiteral("S0")}, {QStringLiteral("States"), passChain(2000, QStringLiteral("S"), true)}};
        out.append(Workload{QStringLiteral("pass-chain-2000"), def, Json{{QStringLiteral("value"), 1}}, 20});
    }

    // A Choice loop of 5000 iterations: a Pass increments a counter with States.MathAdd and a
    // Choice sends it back while it is below 5000.
    {
        static const char def[] = R"JSON({"StartAt":"Init","States":{
            "Init":{"Type":"Pass","Result":{"i":0},"Next":"Check"},
            "Check":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThan":5000,"Next":"Increment"}],"Default":"Done"},
            "Increment":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)"},"Next":"Check"},
            "Done":{"Type":"Succeed"}}})JSON";
        out.append(Workload{QStringLiteral("choice-loop-5000"), sw::JsonReader::parse(QByteArray(def)).value, Json::object(), 5});
    }

    // The engagement ML pipeline example, tasks echoing their input.
    {
        QFile f(examplesDir + QStringLiteral("/engagement-ml-pipeline.asl.json"));
        if (f.open(QIODevice::ReadOnly)) {
            const Json input{{QStringLiteral("model_version"), QStringLiteral("v1.2.0")}, {QStringLiteral("environment"), QStringLiteral("prod")}};
            out.append(Workload{QStringLiteral("engagement-ml-pipeline"), sw::JsonReader::parse(f.readAll()).value, input, 2000});
        }
    }
    return out;
}
