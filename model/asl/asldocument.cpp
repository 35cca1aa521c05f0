#include "asldocument.h"

#include "json/jsonreader.h"
#include "json/jsonwriter.h"

namespace sw::asl {

AslDocument AslDocument::fromText(const QByteArray &utf8)
{
    AslDocument d;
    const JsonReader::Result r = JsonReader::parse(utf8);
    d.endsWithNewline = r.endsWithNewline;
    d.hasBom = r.hasBom;
    if (!r.ok) {
        d.readDiagnostics.append(Diagnostic{Diagnostic::Severity::Error, QStringLiteral("INVALID_JSON_DESCRIPTION"),
                                            QString(), r.errorPos, QStringLiteral("Malformed JSON: %1").arg(r.error)});
        return d;
    }
    d.rootPos = r.rootPos;
    d.root = r.value;
    d.parsed = true;
    if (!d.root.isObject()) {
        d.readDiagnostics.append(Diagnostic{Diagnostic::Severity::Error, QStringLiteral("INVALID_JSON_DESCRIPTION"),
                                            QString(), r.rootPos,
                                            QStringLiteral("The definition must be a JSON object, not %1 %2")
                                                .arg(d.root.isArray() || d.root.isObject() ? QStringLiteral("an") : QStringLiteral("a"),
                                                     QLatin1String(d.root.typeName()))});
    }
    d.rebuild();
    return d;
}

void AslDocument::rebuild()
{
    machine = root.isObject() ? buildStateMachine(root) : StateMachine{};
}

QByteArray AslDocument::toText() const
{
    QByteArray out;
    if (hasBom)
        out.append("\xEF\xBB\xBF");
    out.append(JsonWriter::write(root, JsonWriter::Options{2, true, endsWithNewline}));
    return out;
}

} // namespace sw::asl
