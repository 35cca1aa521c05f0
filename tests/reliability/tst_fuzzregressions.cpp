// Every input the fuzzers found a bug with (fuzz/regressions/<target>/*), replayed through the same
// entry points (fuzz/entrypoints.cpp) in the normal build: a fixed bug must stay fixed. An entry
// point aborts when a promise of the code breaks, so a regression fails this test by crashing it,
// and under scripts/test --sanitize ASan and UBSan check every replay as they did while fuzzing.
#include "entrypoints.h"

#include <QDir>
#include <QFile>
#include <QtTest>

class TestFuzzRegressions : public QObject
{
    Q_OBJECT
private slots:
    void replay_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("file");
        const QDir root(QStringLiteral(STEPWISE_SOURCE_DIR "/fuzz/regressions"));
        for (const QString &target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const QDir dir(root.filePath(target));
            for (const QString &file : dir.entryList(QDir::Files, QDir::Name))
                QTest::newRow(qPrintable(target + QLatin1Char('/') + file)) << target << dir.filePath(file);
        }
    }

    void replay()
    {
        QFETCH(QString, target);
        QFETCH(QString, file);
        const sw::fuzz::Target *t = sw::fuzz::findTarget(target.toLatin1().constData());
        QVERIFY2(t, qPrintable(QStringLiteral("fuzz/regressions/%1 names no fuzz target").arg(target)));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        QCOMPARE(t->run(reinterpret_cast<const uint8_t *>(data.constData()), size_t(data.size())), 0);
    }

    // Each fuzz target has a directory of regressions or none yet; a misspelt directory would
    // silently replay nothing.
    void everyDirectoryIsATarget()
    {
        const QDir root(QStringLiteral(STEPWISE_SOURCE_DIR "/fuzz/regressions"));
        for (const QString &target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QVERIFY2(sw::fuzz::findTarget(target.toLatin1().constData()), qPrintable(target));
        QCOMPARE(sw::fuzz::targets().size(), 9);
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
