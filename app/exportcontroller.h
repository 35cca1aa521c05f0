#pragma once

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QThreadPool>
#include <QVariantList>

namespace sw::gui {

class DiagramController;
class DocumentController;

// File > Export: writes the open definition in any format of render::exporters() (SVG, PNG, PDF,
// DOT, Mermaid, YAML, JSON, CloudFormation, SAM, Terraform), exactly as `stepwise export` would,
// in the canvas's current theme and with the pinned positions; placeholders stay as written. The
// canvas's layout is reused when it is current (no layout pending, not stacked after a Cancel);
// otherwise the definition is laid out again for the export. startExport() does the work on a
// worker thread (the window stays responsive on big machines); exportTo() does it at once.

class ExportController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("diagramcontroller.h")
    Q_MOC_INCLUDE("documentcontroller.h")
    Q_PROPERTY(sw::gui::DocumentController *document MEMBER m_document NOTIFY documentChanged)
    Q_PROPERTY(sw::gui::DiagramController *diagram MEMBER m_diagram NOTIFY diagramChanged)
    // [{name, extension, description, binary}] in the registry's order.
    Q_PROPERTY(QVariantList formats READ formats CONSTANT)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
public:
    explicit ExportController(QObject *parent = nullptr);
    ~ExportController() override;

    QVariantList formats() const;

    // Writes the export atomically. Returns "" or the error. `format` empty: from the suffix.
    Q_INVOKABLE QString exportTo(const QString &pathOrUrl, const QString &format = QString()) const;
    // The same on a worker thread: returns "" once started (then exportFinished) or the error that
    // kept it from starting (no definition, unknown format, an export already running).
    Q_INVOKABLE QString startExport(const QString &pathOrUrl, const QString &format = QString());
    bool isBusy() const { return m_busy; }
    // A file name for the open document in `format` (NAME.EXT beside it), as a local path.
    Q_INVOKABLE QString suggestedPath(const QString &format) const;

signals:
    void documentChanged();
    void diagramChanged();
    void busyChanged();
    // A startExport() ended: `error` is empty when `path` was written.
    void exportFinished(const QString &path, const QString &error);

private:
    struct Job;
    QString prepare(const QString &pathOrUrl, const QString &format, Job &job) const;
    static QString run(const Job &job);

    QPointer<DocumentController> m_document;
    QPointer<DiagramController> m_diagram;
    QThreadPool m_pool; // one export at a time
    bool m_busy = false;
};

} // namespace sw::gui
