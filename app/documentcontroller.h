#pragma once

#include "edit/document.h"

#include <QObject>
#include <QQmlEngine>
#include <QStringList>

namespace sw::gui {

// Exposes the open Document to QML: file operations, the state list and diagnostics.
class DocumentController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString filePath READ filePath NOTIFY changed)
    Q_PROPERTY(QStringList stateNames READ stateNames NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)
public:
    explicit DocumentController(QObject *parent = nullptr);

    Q_INVOKABLE bool open(const QString &pathOrUrl);
    QString filePath() const { return m_doc.filePath(); }
    QStringList stateNames() const;
    QString errorText() const { return m_error; }

signals:
    void changed();

private:
    edit::Document m_doc;
    QString m_error;
};

} // namespace sw::gui
