// The Debian package: builds it with CPack from this build tree and checks what dpkg-deb says is
// inside (the program on PATH, the desktop entry, the icons, the MIME type, the man page) and in
// its control file (dependencies from dpkg-shlibdeps plus the QML modules and platform plugins).
// Installing it with apt is a manual step (docs/installing.md): a test must not change the system.
#include "shared.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

QString binaryDir()
{
    return QStringLiteral(STEPWISE_BINARY_DIR);
}

QByteArray run(const QString &program, const QStringList &args, int *exitCode, const QString &dir = QString())
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    if (!dir.isEmpty()) p.setWorkingDirectory(dir);
    p.start(program, args);
    p.waitForFinished(600'000);
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAll();
}

} // namespace

class TestPackage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void contents();
    void control();
    void desktopEntry();
    void mimeType();
    void manPage();

private:
    QTemporaryDir m_dir;
    QString m_deb;
    QStringList m_files;
    QByteArray m_control;
};

void TestPackage::initTestCase()
{
    for (const char *tool : {"cpack", "dpkg-deb", "dpkg-shlibdeps", "file"}) {
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed (scripts/package installs it)")
                                 .arg(QLatin1String(tool))));
    }
    const QString config = binaryDir() + QStringLiteral("/CPackConfig.cmake");
    if (!QFileInfo::exists(config) || !QFileInfo::exists(binaryDir() + QStringLiteral("/bin/stepwise")))
        QSKIP("the build tree has no CPack configuration or no stepwise program");
    QVERIFY(m_dir.isValid());
    int rc = 0;
    const QByteArray log = run(QStringLiteral("cpack"),
                               {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("-B"),
                                m_dir.path(), QStringLiteral("--config"), config},
                               &rc, binaryDir());
    QVERIFY2(rc == 0, log.constData());
    const QStringList debs = QDir(m_dir.path()).entryList({QStringLiteral("stepwise_*.deb")}, QDir::Files);
    QCOMPARE(debs.size(), 1);
    m_deb = m_dir.filePath(debs.first());
    const QByteArray listing = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), m_deb}, &rc);
    QCOMPARE(rc, 0);
    for (const QByteArray &line : listing.split('\n')) {
        const QByteArray path = line.mid(line.lastIndexOf(' ') + 1);
        if (path.startsWith("./")) m_files.append(QString::fromUtf8(path.mid(1)));
    }
    m_control = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-I"), m_deb}, &rc);
    QCOMPARE(rc, 0);
}

void TestPackage::contents()
{
    for (const char *path : {"/usr/bin/stepwise", "/usr/share/applications/stepwise.desktop",
                             "/usr/share/mime/packages/stepwise.xml", "/usr/share/man/man1/stepwise.1.gz",
                             "/usr/share/icons/hicolor/scalable/apps/stepwise.svg"}) {
        QVERIFY2(m_files.contains(QString::fromLatin1(path)), path);
    }
    if (!QStandardPaths::findExecutable(QStringLiteral("rsvg-convert")).isEmpty()) {
        for (const int size : {16, 32, 48, 64, 128, 256})
            QVERIFY(m_files.contains(
                QStringLiteral("/usr/share/icons/hicolor/%1x%1/apps/stepwise.png").arg(size)));
    }
    // Nothing lands outside /usr (no /usr/local, no build paths).
    for (const QString &f : m_files)
        QVERIFY2(f.startsWith(QLatin1String("/usr/")) && !f.startsWith(QLatin1String("/usr/local")),
                 qPrintable(f));
}

void TestPackage::control()
{
    QVERIFY(m_control.contains(" Package: stepwise\n"));
    QVERIFY(m_control.contains(" Architecture: amd64\n") || m_control.contains(" Architecture: "));
    const qsizetype at = m_control.indexOf(" Depends: ");
    QVERIFY(at >= 0);
    const QByteArray depends = m_control.mid(at, m_control.indexOf('\n', at) - at);
    // From dpkg-shlibdeps (the libraries the program links) ...
    for (const char *lib : {"libqt6core6", "libqt6gui6", "libqt6qml6", "libqt6quick6", "libgvc6", "libc6"})
        QVERIFY2(depends.contains(lib), depends.constData());
    // ... and what it loads at run time.
    for (const char *pkg :
         {"qml6-module-qtquick,", "qml6-module-qtquick-controls", "qml6-module-qtquick-layouts",
          "qml6-module-qtquick-dialogs", "qml6-module-qt-labs-settings", "qt6-qpa-plugins"})
        QVERIFY2(depends.contains(pkg), pkg);
    QVERIFY(
        m_control.contains(" Description: Designer and simulator for AWS Step Functions state machines\n"));
}

void TestPackage::desktopEntry()
{
    QFile f(sourceDir() + QStringLiteral("/installer/stepwise.desktop"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY(text.startsWith("[Desktop Entry]\n"));
    for (const char *line :
         {"Type=Application\n", "Exec=stepwise %f\n", "Icon=stepwise\n", "Terminal=false\n",
          "MimeType=application/x-amazon-states-language+json;application/x-amazon-states-language+yaml;\n"})
        QVERIFY2(text.contains(line), line);
    const QString validate = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (!validate.isEmpty()) {
        int rc = 0;
        const QByteArray out = run(validate, {f.fileName()}, &rc);
        QVERIFY2(rc == 0, out.constData());
    }
}

void TestPackage::mimeType()
{
    QFile f(sourceDir() + QStringLiteral("/installer/stepwise-mime.xml"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    QMap<QString, QStringList> globs;
    QString type;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("mime-type"))
            type = xml.attributes().value(QLatin1String("type")).toString();
        else if (xml.isStartElement() && xml.name() == QLatin1String("glob"))
            globs[type].append(xml.attributes().value(QLatin1String("pattern")).toString());
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(globs.value(QStringLiteral("application/x-amazon-states-language+json")),
             QStringList{QStringLiteral("*.asl.json")});
    QCOMPARE(globs.value(QStringLiteral("application/x-amazon-states-language+yaml")),
             (QStringList{QStringLiteral("*.asl.yaml"), QStringLiteral("*.asl.yml")}));
}

void TestPackage::manPage()
{
    int rc = 0;
    const QByteArray page =
        run(QStringLiteral("gzip"),
            {QStringLiteral("-dc"), binaryDir() + QStringLiteral("/installer/stepwise.1.gz")}, &rc);
    QCOMPARE(rc, 0);
    QVERIFY(page.startsWith(".TH STEPWISE 1 "));
    // One section per command `stepwise --help` lists.
    const QByteArray help =
        run(binaryDir() + QStringLiteral("/bin/stepwise"), {QStringLiteral("--help")}, &rc);
    QCOMPARE(rc, 0);
    const qsizetype commands = help.indexOf("Commands:\n");
    QVERIFY(commands >= 0);
    int sections = 0;
    for (const QByteArray &line : help.mid(commands).split('\n').mid(1)) {
        if (!line.startsWith("  ")) break;
        const QByteArray name = line.trimmed().split(' ').first();
        QVERIFY2(page.contains(".SS \"stepwise " + name + "\"\n"), name.constData());
        ++sections;
    }
    QVERIFY(sections >= 5);
}

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
