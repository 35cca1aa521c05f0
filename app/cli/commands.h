#pragma once

#include <QString>
#include <QStringList>

// One function pair per headless command, each in its own cmd_*.cpp file.
namespace sw::cli {
int runValidate(const QStringList &args);
QString validateHelp();
int runFmt(const QStringList &args);
QString fmtHelp();
int runLayout(const QStringList &args);
QString layoutHelp();
int runExport(const QStringList &args);
QString exportHelp();
int runSimulate(const QStringList &args);
QString simulateHelp();
int runCost(const QStringList &args);
QString costHelp();
} // namespace sw::cli
