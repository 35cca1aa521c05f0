// A save that fails leaves the file on disk as it was, keeps the edits (the document stays
// modified) and says why: the folder is gone, the disk is full (simulated with RLIMIT_FSIZE, which
// fails writes with EFBIG exactly where ENOSPC would), the folder or the file is read-only (not
// for root, whom permissions do not stop); and a save never replaces a device or a pipe.
#include "shared.h"

#include "documentcontroller.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoCommand>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace sw;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

class SetRootCommand : public QUndoCommand
{
public:
    SetRootCommand(edit::Document *doc, const Json &after) : m_doc(doc), m_before(doc->root()), m_after(after)
    {
    }
    void redo() override { m_doc->setRoot(m_after); }
    void undo() override { m_doc->setRoot(m_before); }

private:
    edit::Document *m_doc;
    Json m_before, m_after;
};

// Files larger than `bytes` cannot be written by this process while it lives.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        m_handler = std::signal(SIGXFSZ, SIG_IGN); // fail the write with EFBIG instead of dying
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        m_ok = setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_handler);
    }
    bool ok() const { return m_ok; }

private:
    rlimit m_saved{};
    void (*m_handler)(int) = nullptr;
    bool m_ok = false;
};

} // namespace

class TestSaveFailure : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("StepwiseTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_savefailure"));
    }

    void failingSaveKeepsTheOriginal_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("folder gone") << QStringLiteral("gone");
        QTest::newRow("disk full") << QStringLiteral("full");
        QTest::newRow("read-only folder") << QStringLiteral("rodir");
        QTest::newRow("read-only file") << QStringLiteral("rofile");
    }

    void failingSaveKeepsTheOriginal()
    {
        QFETCH(QString, how);
        if ((how == QLatin1String("rodir") || how == QLatin1String("rofile")) && ::geteuid() == 0)
            QSKIP("running as root: permissions do not stop root");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("project"));
        QVERIFY(QDir().mkpath(folder));
        const QString file = folder + QStringLiteral("/flow.asl.json");
        QVERIFY(QFile::copy(sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.asl.json"),
                            file));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        const QByteArray original = readAll(file);

        gui::DocumentController doc;
        QVERIFY(doc.open(file));
        edit::Document *d = doc.document();
        Json root = d->root();
        root.insert(QStringLiteral("Comment"), Json(QStringLiteral("an edit that must not be lost")));
        d->undoStack()->push(new SetRootCommand(d, root));
        QVERIFY(doc.isModified());
        const QByteArray edited = d->text();

        bool saved = true;
        if (how == QLatin1String("gone")) {
            QVERIFY(QDir(folder).removeRecursively());
            saved = doc.save();
        } else if (how == QLatin1String("full")) {
            FileSizeLimit limit(rlim_t(original.size() / 2));
            QVERIFY(limit.ok());
            saved = doc.save();
        } else if (how == QLatin1String("rodir")) {
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner);
            saved = doc.save();
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        } else {
            QFile::setPermissions(file, QFile::ReadOwner);
            saved = doc.save();
        }
        QVERIFY(!saved);
        QVERIFY2(doc.errorText().contains(file), qPrintable(doc.errorText()));
        QVERIFY(doc.isModified());
        QCOMPARE(d->text(), edited);
        if (how != QLatin1String("gone")) {
            QCOMPARE(readAll(file), original);
            // No temporary file left behind.
            QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList{QStringLiteral("flow.asl.json")});
        }
        // Once the problem is gone, the same document saves.
        if (how == QLatin1String("gone")) QVERIFY(QDir().mkpath(folder));
        QFile::setPermissions(file, QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY2(doc.save(), qPrintable(doc.errorText()));
        QCOMPARE(readAll(file), edited);
        QVERIFY(!doc.isModified());
    }

    // QSaveFile writes a new file and renames it over the target: onto a device or a pipe that
    // would replace the special file with a regular one (as root even /dev/full). A FIFO stands in.
    void specialFilesAreNotReplaced()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("pipe"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        gui::DocumentController doc;
        QVERIFY(doc.open(sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.asl.json")));
        QVERIFY(!doc.saveAs(fifo));
        QVERIFY2(doc.errorText().contains(fifo), qPrintable(doc.errorText()));
        QVERIFY(QFileInfo(fifo).exists() && !QFileInfo(fifo).isFile());
        QCOMPARE(doc.filePath(),
                 sourceDir() + QStringLiteral("/resources/examples/tradai-backtest-full.asl.json"));
    }
};

QTEST_MAIN(TestSaveFailure)
#include "tst_savefailure.moc"
