#pragma once

#include "json/json.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace sw::formats {

// YAML <-> the lossless Json tree. readYaml() parses one YAML document with yaml-cpp (YAML 1.2
// core schema: true/false, null/~, decimal, 0o and 0x integers; "yes"/"no" stay strings) into a
// Json that keeps mapping order and the line:column of every member and item, and reports what a
// Json tree cannot hold as warnings (anchors and aliases are expanded, merge keys are merged).
// writeYaml() emits block-style YAML in member order, quoting only what would otherwise read
// back differently. Neither does file I/O or throws; yaml-cpp's exceptions stop here.
struct YamlReadOptions
{
    // CloudFormation short forms (!Ref, !Sub, !GetAtt, !Join, ...) become their long forms
    // ({"Ref": ...}, {"Fn::Sub": ...}); without it any tag other than the YAML core ones is an error.
    bool cloudFormationTags = false;
};

struct YamlReadResult
{
    Json value;
    bool ok = false;
    QString error;      // empty when ok
    SourcePos errorPos; // where the error is
    SourcePos rootPos{1, 1};
    QStringList warnings; // what writing the tree back cannot keep (besides comments)
};

YamlReadResult readYaml(const QByteArray &utf8, const YamlReadOptions &options = {});

struct YamlWriteOptions
{
    int indent = 2;
    bool indentSequences = true;           // "key:\n  - a" rather than "key:\n- a"
    bool cloudFormationShortForms = false; // {"Ref": X} -> !Ref X, {"Fn::GetAtt": [A, B]} -> !GetAtt A.B
};

// Block-style YAML ending with a newline. Undefined members are skipped, undefined items are null.
QByteArray writeYaml(const Json &value, const YamlWriteOptions &options = {});

// The indentation an existing YAML text uses, so rewritten lines line up with the author's.
YamlWriteOptions detectYamlStyle(const QByteArray &utf8);

// True when `s` written as a plain (unquoted) YAML scalar reads back as the same string.
bool isPlainSafe(QStringView s);
// `s` as a one-line YAML scalar: plain when safe, else single- or double-quoted.
QByteArray yamlScalar(const QString &s);

// Structural equality that also requires the same member order (positions and spellings aside):
// what "reads back as the same document" means for the format round trips.
bool sameDocument(const Json &a, const Json &b);

} // namespace sw::formats
