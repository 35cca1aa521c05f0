#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>

// Where ../shared is (corpus, examples); empty when it is absent, so corpus tests can QSKIP.
inline QString sharedDir()
{
    const QString env = qEnvironmentVariable("STEPWISE_SHARED_DIR");
    const QString dir = env.isEmpty() ? QStringLiteral(STEPWISE_SHARED_DIR) : env;
    return QFileInfo(dir + QStringLiteral("/corpus")).isDir() ? QDir(dir).absolutePath() : QString();
}

#define REQUIRE_SHARED(dir)                                                                                  \
    const QString dir = sharedDir();                                                                        \
    if (dir.isEmpty())                                                                                      \
        QSKIP("../shared is absent (no corpus beside this clone): skipping the corpus test");

inline QString sourceDir()
{
    return QStringLiteral(STEPWISE_SOURCE_DIR);
}
