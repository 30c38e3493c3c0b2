#!/usr/bin/env python3
"""Fails when a user-visible string literal in the Qt code is not passed through tr().

Usage: tools/check_tr_literals.py [--allow FILE] [--list-all] PATH...
  PATH        source files or folders (every .cpp/.h below a folder; app/cli, Qt-free, is skipped)
  --allow     allow-list: lines `relative/path.cpp<TAB>literal  # reason`; the literal is the
              text between the quotes exactly as in the source (escapes kept)
  --expect-marked  self-test: pass only when the reported lines are exactly the lines marked
              `// BAD` in the given files (tests/i18n/untranslated_fixture.cpp.txt)
  --list-all  audit mode: also print every literal with a letter outside tr()/translate()/
              QT_TR_NOOP, whatever call it sits in (a report for a human; never fails)

What it checks: the arguments of the calls that put text on screen (setText, setToolTip,
setWindowTitle, axis setLabel, graph setName, addAction, addMenu, addItem, showMessage,
addRow, the QLabel/QPushButton/QCheckBox/QGroupBox/QAction/QMenu/QDockWidget constructors,
QMessageBox::critical/…, QFileDialog::get…FileName captions, …). An argument that is a bare
literal ("Open", QStringLiteral("Open"), QLatin1String("…"), QString("…"), u"…"_s or a `+`
concatenation with one) and holds a letter once the %1/%p placeholders are removed is a
violation. tr("…"), QCoreApplication::translate(…) and variables pass: what they hold is the
translator's business. Object names, settings keys, CSV headers and log keys go through other
calls (setObjectName, QSettings::value, writeCsv) and are not checked.

Exit status: 0 clean, 1 violations (each printed as path:line: call("literal")), 2 usage error.
"""
import argparse
import os
import re
import sys

# Calls whose every argument may be shown to the user.
SINKS = {
    # QWidget / QAction / QAbstractButton / QLabel setters
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setTitle",
    "setPlaceholderText", "setAccessibleName", "setAccessibleDescription", "setIconText",
    "setWindowIconText", "setInformativeText", "setDetailedText", "setLabelText",
    "setCancelButtonText", "setButtonText", "setPrefix", "setSuffix", "setSpecialValueText",
    "setFormat", "setHtml", "setPlainText",
    # QCustomPlot: axis titles, legend names
    "setLabel", "setName",
    # menus, tool bars, combo boxes, tabs, forms, status bar
    "addAction", "addMenu", "addSection", "addSeparator", "addItem", "addItems", "insertItem",
    "setItemText", "addTab", "insertTab", "setTabText", "setTabToolTip", "addRow", "insertRow",
    "showMessage", "setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
    # constructors of widgets that take their text first
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton", "QAction",
    "QMenu", "QDockWidget", "QCPTextElement", "QTreeWidgetItem", "QListWidgetItem",
    # static dialogs (title, text, captions)
    "information", "warning", "critical", "question", "about", "getText", "getInt", "getDouble",
    "getItem", "getSaveFileName", "getOpenFileName", "getOpenFileNames", "getExistingDirectory",
}
# Wrappers that translate: their arguments are fine.
TRANSLATORS = {"tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP", "QT_TR_N_NOOP",
               "QT_TRANSLATE_N_NOOP", "qtTrId", "QT_TRID_NOOP"}
# Wrappers that only make a QString of a literal: the literal inside is as bare as without them.
LITERAL_WRAPPERS = ("QStringLiteral", "QLatin1String", "QLatin1StringView", "QString",
                    "QString::fromUtf8", "QString::fromLatin1", "QString::fromLocal8Bit",
                    "QLatin1Char", "QChar", "u8", "u")
PLACEHOLDER = re.compile(r"%(\d+|[pnL]\d*|[a-z])")

TOKEN = re.compile(
    r'(?P<comment>//[^\n]*|/\*.*?\*/)'
    r'|(?P<raw>R"(?P<delim>[^()\s]{0,16})\((?P<rawbody>.*?)\)(?P=delim)")'
    r'|(?P<string>(?:u8|u|U|L)?"(?:\\.|[^"\\\n])*")'
    r"|(?P<char>'(?:\\.|[^'\\\n])+')"
    r'|(?P<ident>[A-Za-z_][A-Za-z_0-9]*(?:::[A-Za-z_][A-Za-z_0-9]*)*)'
    r'|(?P<punct>[(){}\[\],;+])'
    r'|(?P<space>\s+)'
    r'|(?P<other>.)',
    re.S)


def tokenize(text):
    """Yields (kind, value, line) with comments dropped; adjacent string literals are merged."""
    line = 1
    out = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup if m.lastgroup not in ("delim", "rawbody") else "raw"
        value = m.group(0)
        if kind == "raw":
            kind, value = "string", '"' + m.group("rawbody") + '"'
        if kind == "string":
            body = value[value.index('"') + 1:-1]
            if out and out[-1][0] == "string":  # "a" "b" is one literal
                out[-1] = ("string", out[-1][1] + body, out[-1][2])
            else:
                out.append(("string", body, line))
        elif kind not in ("comment", "space"):
            out.append((kind, value, line))
        line += value.count("\n")
    return out


def has_letter(literal):
    """A letter outside %1/%p placeholders, HTML tags and entities (&nbsp;)."""
    text = re.sub(r"&#?\w+;", "", re.sub(r"<[^<>]*>", "", PLACEHOLDER.sub("", literal)))
    return re.search(r"[^\W\d_]", text) is not None


def split_arguments(tokens, open_index):
    """Top-level arguments of the call whose '(' is tokens[open_index]: lists of tokens."""
    args, current, depth = [], [], 0
    for k in range(open_index + 1, len(tokens)):
        kind, value, _ = tokens[k]
        if kind == "punct" and value in "([{":
            depth += 1
        elif kind == "punct" and value in ")]}":
            if depth == 0:
                args.append(current)
                return args
            depth -= 1
        elif kind == "punct" and value == "," and depth == 0:
            args.append(current)
            current = []
            continue
        current.append(tokens[k])
    return args


def bare_literals(arg):
    """The literals of an argument that reach the screen untranslated: the argument is a
    concatenation of literals, literal wrappers and anything else joined by '+'; a literal inside
    a call other than a literal wrapper (tr, arg, a helper) is that call's business."""
    found, depth, k = [], 0, 0
    while k < len(arg):
        kind, value, line = arg[k]
        if kind == "string" and depth == 0:
            found.append((value, line))
        elif kind == "ident" and k + 1 < len(arg) and arg[k + 1][1] == "(":
            inner = split_arguments(arg, k + 1)
            span = 2 + sum(len(a) for a in inner) + max(len(inner) - 1, 0)
            if value in LITERAL_WRAPPERS and len(inner) == 1 and len(inner[0]) == 1 \
                    and inner[0][0][0] == "string":
                found.append((inner[0][0][1], line))
            k += span
            continue
        elif kind == "punct" and value in "([{":
            depth += 1
        elif kind == "punct" and value in ")]}":
            depth -= 1
        k += 1
    return found


def check_file(path, rel, allowed, list_all):
    with open(path, encoding="utf-8") as f:
        tokens = tokenize(f.read())
    problems = []
    for i, (kind, value, line) in enumerate(tokens):
        if kind != "ident" or i + 1 >= len(tokens) or tokens[i + 1][1] != "(":
            continue
        name = value.split("::")[-1]
        if name not in SINKS:
            continue
        for arg in split_arguments(tokens, i + 1):
            for literal, at in bare_literals(arg):
                if has_letter(literal) and (rel, literal) not in allowed:
                    problems.append(f'{rel}:{at}: {name}("{literal}") is not passed through tr()')
    if list_all:
        depth_stack = []  # names of the enclosing calls
        for i, (kind, value, line) in enumerate(tokens):
            if kind == "punct" and value == "(":
                prev = tokens[i - 1] if i else ("", "", 0)
                depth_stack.append(prev[1].split("::")[-1] if prev[0] == "ident" else "")
            elif kind == "punct" and value == ")" and depth_stack:
                depth_stack.pop()
            elif kind == "string" and has_letter(value) and \
                    not any(c in TRANSLATORS for c in depth_stack):
                call = next((c for c in reversed(depth_stack)
                             if c and c not in LITERAL_WRAPPERS), "")
                print(f'audit {rel}:{line}: {call}("{value}")')
    return problems


def read_allow_list(path):
    allowed = set()
    if not path:
        return allowed
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            text = raw.rstrip("\n")
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            if "\t" not in text:
                sys.exit(f"{path}:{number}: expected `path<TAB>literal  # reason`")
            rel, rest = text.split("\t", 1)
            literal = re.sub(r"\s+#.*$", "", rest)
            allowed.add((rel.strip(), literal))
    return allowed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--allow")
    parser.add_argument("--root", default=os.getcwd(),
                        help="paths in messages and the allow-list are relative to it")
    parser.add_argument("--list-all", action="store_true")
    parser.add_argument("--expect-marked", action="store_true")
    parser.add_argument("paths", nargs="+")
    a = parser.parse_args()
    allowed = read_allow_list(a.allow)
    files = []
    for p in a.paths:
        if os.path.isdir(p):
            for d, subdirs, names in os.walk(p):
                subdirs[:] = sorted(s for s in subdirs if os.path.join(d, s) != os.path.join(p, "cli"))
                files += [os.path.join(d, n) for n in sorted(names) if n.endswith((".cpp", ".h"))]
        elif os.path.isfile(p):
            files.append(p)
        else:
            print(f"check_tr_literals: {p}: no such file or folder", file=sys.stderr)
            return 2
    problems = []
    for path in files:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(a.root))
        problems += check_file(path, rel, allowed, a.list_all)
    for p in problems:
        print(p)
    print(f"check_tr_literals: {len(files)} files, {len(problems)} untranslated literal(s)")
    if a.expect_marked:
        return self_test(files, a.root, problems)
    return 1 if problems else 0


def self_test(files, root, problems):
    """0 when the reported path:line set equals the set of lines marked `// BAD`."""
    marked = set()
    for path in files:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
        with open(path, encoding="utf-8") as f:
            marked |= {f"{rel}:{n}" for n, text in enumerate(f, 1) if "// BAD" in text}
    reported = {p.split(": ", 1)[0] for p in problems}
    missed, extra = sorted(marked - reported), sorted(reported - marked)
    for m in missed:
        print(f"self-test: {m} is marked BAD but was not reported")
    for e in extra:
        print(f"self-test: {e} was reported but is not marked BAD")
    ok = bool(marked) and not missed and not extra
    print(f"self-test: {len(marked)} marked line(s), {'all' if ok else 'NOT all'} reported exactly")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
