#include "cli.h"
#include "commands.h"

#include "asl/asldocument.h"
#include "json/json.h"
#include "json/jsonwriter.h"
#include "validate/validator.h"

namespace sw::cli {

QString validateHelp()
{
    return QStringLiteral(
        "Usage: stepwise validate FILE... [--type STANDARD|EXPRESS] [--json]\n"
        "\n"
        "Checks Amazon States Language definitions as AWS does when a state machine\n"
        "is created: JSON syntax, schema, transitions, reachability, terminal states,\n"
        "paths, intrinsic functions, JSONata syntax and Retry/Catch fields.\n"
        "\n"
        "Options:\n"
        "  --type T   STANDARD (default) or EXPRESS (adds: no .sync, no\n"
        "             .waitForTaskToken, no activities)\n"
        "  --json     print {\"files\":[{\"file\",\"valid\",\"diagnostics\":[...]}]}\n"
        "\n"
        "Text output: FILE:LINE:COL: error|warning CODE: message (/json/pointer)\n"
        "Exit codes: 0 no file has an error, 1 some file has one (malformed JSON\n"
        "included), 2 usage error or unreadable file.\n");
}

int runValidate(const QStringList &args)
{
    QStringList files;
    bool json = false;
    validate::Options opts;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--type") || a.startsWith(QLatin1String("--type="))) {
            QString v;
            if (a.contains(QLatin1Char('=')))
                v = a.section(QLatin1Char('='), 1);
            else if (i + 1 < args.size())
                v = args.at(++i);
            v = v.toUpper();
            if (v == QLatin1String("STANDARD"))
                opts.type = validate::MachineType::Standard;
            else if (v == QLatin1String("EXPRESS"))
                opts.type = validate::MachineType::Express;
            else {
                err() << "stepwise validate: --type must be STANDARD or EXPRESS\n";
                return Usage;
            }
        } else if (a.startsWith(QLatin1String("--")) && a.size() > 2) {
            err() << "stepwise validate: unknown option " << a << " (see stepwise validate --help)\n";
            return Usage;
        } else {
            files.append(a);
        }
    }
    if (files.isEmpty()) {
        err() << "stepwise validate: no FILE given (see stepwise validate --help)\n";
        return Usage;
    }

    bool anyError = false;
    bool unreadable = false;
    QList<Json> fileReports;
    for (const QString &file : files) {
        QByteArray data;
        QString error;
        if (!readFile(file, data, error)) {
            err() << "stepwise validate: " << error << '\n';
            unreadable = true;
            continue;
        }
        const asl::AslDocument doc = asl::AslDocument::fromText(data);
        const Diagnostics ds = validate::validate(doc, opts);
        const bool valid = !hasErrors(ds);
        anyError = anyError || !valid;
        if (json) {
            Json list = Json::array();
            for (const Diagnostic &d : ds) {
                list.append(Json{{QStringLiteral("severity"), d.severityName()},
                                 {QStringLiteral("code"), d.code},
                                 {QStringLiteral("pointer"), d.pointer},
                                 {QStringLiteral("line"), d.pos.line},
                                 {QStringLiteral("column"), d.pos.column},
                                 {QStringLiteral("message"), d.message}});
            }
            fileReports.append(Json{{QStringLiteral("file"), file}, {QStringLiteral("valid"), valid},
                                    {QStringLiteral("diagnostics"), list}});
        } else {
            for (const Diagnostic &d : ds) {
                out() << file << ':' << d.pos.line << ':' << d.pos.column << ": " << d.severityName() << ' ' << d.code
                      << ": " << d.message;
                if (!d.pointer.isEmpty())
                    out() << " (" << d.pointer << ')';
                out() << '\n';
            }
        }
    }
    if (json) {
        const Json report{{QStringLiteral("files"), Json::array(fileReports)}};
        out() << QString::fromUtf8(JsonWriter::pretty(report)) << '\n';
    }
    if (unreadable)
        return Usage;
    return anyError ? Failure : Ok;
}

} // namespace sw::cli
