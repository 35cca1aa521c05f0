// The PDF export (render::exportPdf, `stepwise export --format pdf`) on every pipeline of
// ../shared/examples: a PDF file of one page the size of the diagram (one point per scene unit),
// drawn with vector paths and real text, so every state's name can be extracted from it (checked
// with poppler's pdftotext when it is installed), in the light and the dark theme.
#include "shared.h"

#include "asl/asldocument.h"
#include "exporters.h"
#include "fontmetrics.h"
#include "layout.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sw;

namespace {

QString examplesDir()
{
    const QString shared = sharedDir();
    return shared.isEmpty() ? sourceDir() + QStringLiteral("/resources/examples")
                            : shared + QStringLiteral("/examples");
}

// Whitespace removed (lines break where the layout puts them) and compatibility characters
// decomposed: the fonts' ligatures come out of pdftotext as U+FB01 for "fi" and the like.
QString squeezed(QString s)
{
    s = s.normalized(QString::NormalizationForm_KC);
    s.remove(QRegularExpression(QStringLiteral("\\s+")));
    return s;
}

struct Exported
{
    asl::AslDocument doc;
    layout::Geometry geometry;
    QByteArray pdf;
};

Exported exportFile(const QString &path, const render::DiagramStyle &style)
{
    Exported e;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return e;
    e.doc = asl::AslDocument::fromText(file.readAll());
    const render::FontTextMetrics metrics(style);
    layout::Options options;
    options.metrics = &metrics;
    e.geometry = layout::layoutMachine(e.doc.machine, options);
    render::ExportInput in;
    in.machine = &e.doc.machine;
    in.geometry = &e.geometry;
    in.style = style;
    QString error;
    e.pdf = render::exportPdf(in, &error);
    if (!error.isEmpty()) qWarning("%s", qPrintable(error));
    return e;
}

} // namespace

class TestPdfExport : public QObject
{
    Q_OBJECT
private slots:
    void registered()
    {
        const render::Exporter *pdf = render::findExporter(QStringLiteral("pdf"));
        QVERIFY(pdf);
        QVERIFY(pdf->binary); // never written to a terminal
        QCOMPARE(pdf->extension, QStringLiteral("pdf"));
    }

    void examples_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("dark");
        const QFileInfoList files =
            QDir(examplesDir()).entryInfoList({QStringLiteral("*.asl.json")}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QFileInfo &fi : files) {
            QTest::newRow(qPrintable(fi.fileName())) << fi.absoluteFilePath() << false;
            QTest::newRow(qPrintable(fi.fileName() + QStringLiteral(" dark")))
                << fi.absoluteFilePath() << true;
        }
    }

    void examples()
    {
        QFETCH(QString, path);
        QFETCH(bool, dark);
        const Exported e =
            exportFile(path, dark ? render::DiagramStyle::darkStyle() : render::DiagramStyle::light());
        QVERIFY(e.doc.parsed);
        const QByteArray &pdf = e.pdf;
        QVERIFY(pdf.startsWith("%PDF-1."));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));

        // One page, whose MediaBox is the diagram's bounds in points.
        static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
        QCOMPARE(QString::fromLatin1(pdf).count(page), 1);
        static const QRegularExpression box(
            QStringLiteral("/MediaBox\\s*\\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*\\]"));
        const QRegularExpressionMatch m = box.match(QString::fromLatin1(pdf));
        QVERIFY2(m.hasMatch(), "no MediaBox");
        QVERIFY2(std::abs(m.captured(1).toDouble() - e.geometry.bounds.width()) <= 1,
                 qPrintable(m.captured(0)));
        QVERIFY2(std::abs(m.captured(2).toDouble() - e.geometry.bounds.height()) <= 1,
                 qPrintable(m.captured(0)));
        // Vector: the drawing holds no raster image.
        QVERIFY(!pdf.contains("/Subtype /Image"));
        // Text as text: a font is embedded.
        QVERIFY(pdf.contains("/FontFile") || pdf.contains("/Type /Font"));

        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty()) QSKIP("poppler-utils' pdftotext is not installed: state names not checked");
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("d.pdf"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(pdf);
        out.close();
        QProcess p;
        p.start(pdftotext, {file, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QString text = squeezed(QString::fromUtf8(p.readAllStandardOutput()));
        for (const asl::State *s : e.doc.machine.allStates())
            QVERIFY2(text.contains(squeezed(s->name)),
                     qPrintable(s->name + QStringLiteral(" not in: ") + text));
    }
};

QTEST_MAIN(TestPdfExport)
#include "tst_pdfexport.moc"
