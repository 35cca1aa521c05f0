#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace sw::cli {

// Exit codes shared by every command.
enum ExitCode { Ok = 0, Failure = 1, Usage = 2 };

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &args); // args exclude the program and command names
    QString (*help)();
};

// The headless commands, in the order --help lists them.
const QList<Command> &commands();
const Command *findCommand(const QString &name);
QString programHelp();
QString versionText();

// Entry point for `stepwise COMMAND ...`, `stepwise --help`, `stepwise --version`.
int run(const QStringList &arguments);

QTextStream &out();
QTextStream &err();

// Helpers for commands.
bool readFile(const QString &path, QByteArray &data, QString &error);

} // namespace sw::cli
