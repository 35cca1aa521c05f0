// RunController: the run configuration (input, mocks, test case, seed, speed, breakpoints), per file.
#include "runcontroller.h"

#include "runconfig.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>

namespace sw::gui {

// --- configuration -----------------------------------------------------------------------------

QString RunController::fileKey() const
{
    const QString path = m_document ? m_document->filePath() : QString();
    if (path.isEmpty()) return {};
    // QSettings keys cannot hold slashes as data: the path is hex-encoded.
    return QStringLiteral("run/") + QString::fromLatin1(QFileInfo(path).absoluteFilePath().toUtf8().toHex());
}

void RunController::loadSettings()
{
    const QString key = fileKey();
    const QString path = m_document ? m_document->filePath() : QString();
    m_suggested = runconfig::suggestedMockFiles(path);
    QSettings s;
    m_inputText = key.isEmpty() ? QStringLiteral("{}")
                                : s.value(key + QStringLiteral("/input"), QStringLiteral("{}")).toString();
    m_mocksPath = key.isEmpty() ? QString() : s.value(key + QStringLiteral("/mocks")).toString();
    m_testCase = key.isEmpty() ? QString() : s.value(key + QStringLiteral("/testCase")).toString();
    m_seed = key.isEmpty() ? 0 : s.value(key + QStringLiteral("/seed"), 0).toInt();
    m_inputError = runconfig::parseInput(m_inputText, nullptr);
    QString error;
    m_testCases = m_mocksPath.isEmpty() ? QStringList() : runconfig::testCases(m_mocksPath, &error);
    emit configChanged();
}

void RunController::storeSettings() const
{
    const QString key = fileKey();
    if (key.isEmpty() || !m_persistent) return;
    QSettings s;
    s.setValue(key + QStringLiteral("/input"), m_inputText);
    s.setValue(key + QStringLiteral("/mocks"), m_mocksPath);
    s.setValue(key + QStringLiteral("/testCase"), m_testCase);
    s.setValue(key + QStringLiteral("/seed"), m_seed);
}

void RunController::setInputText(const QString &text)
{
    if (text == m_inputText) return;
    m_inputText = text;
    m_inputError = runconfig::parseInput(text, nullptr);
    storeSettings();
    emit configChanged();
}

bool RunController::loadInputFile(const QString &pathOrUrl)
{
    const QString path = DocumentController::toLocalPath(pathOrUrl);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        setError(QStringLiteral("%1: %2").arg(path, f.errorString()));
        return false;
    }
    const QString text = QString::fromUtf8(f.readAll());
    const QString error = runconfig::parseInput(text, nullptr);
    if (!error.isEmpty()) {
        setError(QStringLiteral("%1:%2: the input is not JSON").arg(path, error));
        return false;
    }
    setInputText(text);
    return true;
}

void RunController::setMocksPath(const QString &pathOrUrl)
{
    const QString path = pathOrUrl.isEmpty() ? QString() : DocumentController::toLocalPath(pathOrUrl);
    if (path == m_mocksPath) return;
    m_mocksPath = path;
    QString error;
    m_testCases = path.isEmpty() ? QStringList() : runconfig::testCases(path, &error);
    if (!m_testCases.contains(m_testCase))
        m_testCase = m_testCases.contains(QStringLiteral("HappyPath")) ? QStringLiteral("HappyPath")
                     : m_testCases.isEmpty()                           ? QString()
                                                                       : m_testCases.first();
    setError(error);
    storeSettings();
    emit configChanged();
}

void RunController::setTestCase(const QString &testCase)
{
    if (testCase == m_testCase) return;
    m_testCase = testCase;
    storeSettings();
    emit configChanged();
}

void RunController::setSeed(int seed)
{
    if (seed == m_seed) return;
    m_seed = seed;
    storeSettings();
    emit configChanged();
}

void RunController::setSpeed(double speed)
{
    speed = std::max(0.0, speed);
    if (speed == m_speed) return;
    m_speed = speed;
    emit speedChanged();
}

QStringList RunController::breakpoints() const
{
    QStringList out(m_breakpoints.cbegin(), m_breakpoints.cend());
    out.sort();
    return out;
}

void RunController::toggleBreakpoint(const QString &name)
{
    if (name.isEmpty()) return;
    if (!m_breakpoints.remove(name)) m_breakpoints.insert(name);
    emit breakpointsChanged();
}

void RunController::setError(const QString &error)
{
    if (error == m_error) return;
    m_error = error;
    emit errorChanged();
}

} // namespace sw::gui
