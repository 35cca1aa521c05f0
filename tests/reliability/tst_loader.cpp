// Opening files in the background (DocumentLoader): the result is the document a synchronous open
// gives; files over the size limit are refused and leave the open document as it was; a load that
// cannot finish (a FIFO nobody writes to) shows progress and can be cancelled, and its late result
// is dropped; a newer open supersedes an older one.
#include "shared.h"

#include "documentcontroller.h"
#include "loader.h"

#include "validate/sizelimits.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace sw;

namespace {
constexpr int kWaitMs = 60000; // a deadline for events, not a performance bound

QString example(const char *name)
{
    return sourceDir() + QStringLiteral("/resources/examples/") + QLatin1String(name);
}
} // namespace

class TestLoader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_loader"));
        QVERIFY(m_dir.isValid());
    }

    void loadsLikeASynchronousOpen()
    {
        const QString file = example("tradai-backtest-full.asl.json");
        gui::DocumentController sync;
        QVERIFY(sync.open(file));

        gui::DocumentController doc;
        gui::DocumentLoader loader;
        loader.setDocument(&doc);
        QSignalSpy finished(&loader, &gui::DocumentLoader::finished);
        QSignalSpy loaded(&doc, &gui::DocumentController::loaded);
        loader.open(QUrl::fromLocalFile(file).toString());
        QVERIFY(loader.isBusy());
        QVERIFY(!doc.hasDocument()); // nothing is installed until the worker is done
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(finished.first().at(0).toBool(), true);
        QCOMPARE(loaded.size(), 1);
        QVERIFY(!loader.isBusy());
        QVERIFY(doc.hasDocument());
        QCOMPARE(doc.filePath(), sync.filePath());
        QVERIFY(doc.document()->root().identical(sync.document()->root()));
        QCOMPARE(doc.document()->text(), sync.document()->text());
        QCOMPARE(doc.document()->machine().allStates().size(), sync.document()->machine().allStates().size());
        QCOMPARE(doc.isModified(), false);
        QCOMPARE(doc.canUndo(), false);
    }

    void refusalsLeaveTheOpenDocument_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        const QString big = m_dir.filePath(QStringLiteral("big.asl.json"));
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(validate::MaxFileSize + 1)); // sparse: nothing is written
        QTest::newRow("too large") << big << QStringLiteral("too large to open");
        QTest::newRow("missing") << m_dir.filePath(QStringLiteral("none.asl.json"))
                                 << QStringLiteral("cannot open");
        QTest::newRow("endless device") << QStringLiteral("/dev/zero") << QStringLiteral("more than 16 MB");
    }

    void refusalsLeaveTheOpenDocument()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        gui::DocumentController doc;
        QVERIFY(doc.open(example("engagement-ml-pipeline.asl.json")));
        const QByteArray before = doc.document()->text();
        gui::DocumentLoader loader;
        loader.setDocument(&doc);
        QSignalSpy finished(&loader, &gui::DocumentLoader::finished);
        loader.open(path);
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(finished.first().at(0).toBool(), false);
        const QString error = finished.first().at(1).toString();
        QVERIFY2(error.contains(message) && error.contains(path), qPrintable(error));
        QCOMPARE(doc.document()->text(), before);
        QCOMPARE(doc.filePath(), example("engagement-ml-pipeline.asl.json"));
    }

    // A FIFO blocks the reader until someone writes: a load that takes as long as the test wants.
    void slowLoadShowsProgressAndCancels()
    {
        const QString fifo = m_dir.filePath(QStringLiteral("slow.asl.json"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        gui::DocumentController doc;
        QVERIFY(doc.open(example("engagement-ml-pipeline.asl.json")));
        auto loader = std::make_unique<gui::DocumentLoader>();
        loader->setDocument(&doc);
        QSignalSpy finished(loader.get(), &gui::DocumentLoader::finished);
        loader->open(fifo);
        QVERIFY(loader->isBusy());
        QCOMPARE(loader->fileName(), QStringLiteral("slow.asl.json"));
        QTRY_VERIFY_WITH_TIMEOUT(loader->showProgress(), kWaitMs);
        QCOMPARE(loader->phase(), QStringLiteral("Reading"));
        loader->cancel();
        QVERIFY(!loader->isBusy());
        QVERIFY(!loader->showProgress());
        // Let the worker finish (an empty file): its result must be dropped.
        const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY);
        QVERIFY(fd >= 0);
        ::close(fd);
        loader.reset(); // waits for the worker
        QCoreApplication::processEvents();
        QCOMPARE(finished.size(), 0);
        QCOMPARE(doc.filePath(), example("engagement-ml-pipeline.asl.json"));
        QVERIFY(doc.isParsed());
        QFile::remove(fifo);
    }

    void newerOpenSupersedes()
    {
        const QString fifo = m_dir.filePath(QStringLiteral("stuck.asl.json"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        gui::DocumentController doc;
        gui::DocumentLoader loader;
        loader.setDocument(&doc);
        QSignalSpy finished(&loader, &gui::DocumentLoader::finished);
        loader.open(fifo);
        loader.open(example("engagement-ml-pipeline.asl.json"));
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(doc.filePath(), example("engagement-ml-pipeline.asl.json"));
        // Unblock the superseded load; it finishes unseen.
        const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY);
        QVERIFY(fd >= 0);
        ::close(fd);
        QFile::remove(fifo);
    }
};

QTEST_MAIN(TestLoader)
#include "tst_loader.moc"
