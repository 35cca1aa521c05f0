#pragma once

// The simulator benchmark's workloads, generated so the same definitions can be written out and
// run by other interpreters (benchmarks/simulator/run compares with aws-local-stepfunctions).

#include "json/json.h"

#include <QList>
#include <QString>

struct Workload
{
    QString name;
    sw::Json definition;
    sw::Json input;
    int runs = 1;
};

QList<Workload> simulatorWorkloads(const QString &examplesDir);
