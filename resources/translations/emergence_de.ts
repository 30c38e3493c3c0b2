<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AppOptions</name>
    <message>
        <location filename="../../app/app_options.cpp" line="+15"/>
        <source>Emergence: neural networks learn neuroscience tasks while you watch.</source>
        <translation>Emergence: Neuronale Netze lernen neurowissenschaftliche Aufgaben, während Sie zusehen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lab to open: head_direction or grid_cells.</source>
        <translation>Zu öffnendes Labor: head_direction oder grid_cells.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preset of the lab (head_direction: paper, default; grid_cells: default, sorscher, cueva_wei).</source>
        <translation>Voreinstellung des Labors (head_direction: paper, default; grid_cells: default, sorscher, cueva_wei).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random seed (positive integer).</source>
        <translation>Zufalls-Seed (positive ganze Zahl).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a saved run folder.</source>
        <translation>Einen gespeicherten Lauf-Ordner laden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start in presentation mode.</source>
        <translation>Im Präsentationsmodus starten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save a screenshot of the main window to FILE and quit.</source>
        <translation>Ein Bildschirmfoto des Hauptfensters in FILE speichern und beenden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training updates before the screenshot (default 0).</source>
        <translation>Trainings-Updates vor dem Bildschirmfoto (Standard 0).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training threads (default 2).</source>
        <translation>Threads für das Training (Standard 2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Frames per second the views are drawn at while running (10–120, default 60; lower leaves more CPU to training).</source>
        <translation>Bilder pro Sekunde, mit denen die Ansichten während des Laufs gezeichnet werden (10–120, Standard 60; weniger lässt dem Training mehr CPU).</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>unexpected argument: %1</source>
        <translation>unerwartetes Argument: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--lab: unknown or not yet available lab &quot;%1&quot; (available: head_direction, grid_cells)</source>
        <translation>--lab: unbekanntes oder noch nicht verfügbares Labor „%1“ (verfügbar: head_direction, grid_cells)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--preset: unknown preset &quot;%1&quot; of the lab %2 (known: %3)</source>
        <translation>--preset: unbekannte Voreinstellung „%1“ des Labors %2 (bekannt: %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--seed: expected a positive integer, got &quot;%1&quot;</source>
        <translation>--seed: positive ganze Zahl erwartet, erhalten: „%1“</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--after: expected a non-negative integer, got &quot;%1&quot;</source>
        <translation>--after: nichtnegative ganze Zahl erwartet, erhalten: „%1“</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--threads: expected an integer in [1, 256], got &quot;%1&quot;</source>
        <translation>--threads: ganze Zahl in [1, 256] erwartet, erhalten: „%1“</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--frame-rate: expected a number in [10, 120], got &quot;%1&quot;</source>
        <translation>--frame-rate: Zahl in [10, 120] erwartet, erhalten: „%1“</translation>
    </message>
</context>
<context>
    <name>ClassPalette</name>
    <message>
        <location filename="../../widgets/class_palette.cpp" line="+26"/>
        <source>Compass</source>
        <translation>Kompass</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shifter CCW</source>
        <translation>Shifter CCW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shifter CW</source>
        <translation>Shifter CW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weak</source>
        <translation>schwach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dead</source>
        <translation>tot</translation>
    </message>
</context>
<context>
    <name>GridArena</name>
    <message>
        <location filename="../../widgets/grid_view_support.cpp" line="+107"/>
        <source>square</source>
        <translation>Quadrat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rectangle</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>circle</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>triangle</source>
        <translation>Dreieck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hexagon</source>
        <translation>Sechseck</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1, %2 m × %3 m</source>
        <translation>%1, %2 m × %3 m</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, radius %2 m</source>
        <translation>%1, Radius %2 m</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, side %2 m</source>
        <translation>%1, Seitenlänge %2 m</translation>
    </message>
</context>
<context>
    <name>GridPalette</name>
    <message>
        <location line="-31"/>
        <source>grid</source>
        <translation>Gitter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>border</source>
        <translation>Rand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>band</source>
        <translation>Band</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>other</source>
        <translation>andere</translation>
    </message>
</context>
<context>
    <name>GridScoreHistogramsView</name>
    <message>
        <location filename="../../widgets/grid_score_histograms.cpp" line="+14"/>
        <source>grid score (60°)</source>
        <translation>Gitter-Score (60°)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>grid score (90°)</source>
        <translation>Gitter-Score (90°)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>border score</source>
        <translation>Rand-Score</translation>
    </message>
</context>
<context>
    <name>Intervention</name>
    <message>
        <location filename="../../app/undo_commands.cpp" line="+17"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>… (%n units)</source>
        <translation>
            <numerusform>… (%n Einheit)</numerusform>
            <numerusform>… (%n Einheiten)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>inject %1 into %2</source>
        <translation>%1 in %2 injizieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>silence %1</source>
        <translation>%1 stummschalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>clamp %1 to %2</source>
        <translation>%1 auf %2 fixieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (steps %1–%2)</source>
        <translation> (Schritte %1–%2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ablate %1 rows [%2] × cols [%3]</source>
        <translation>%1 ablatieren: Zeilen [%2] × Spalten [%3]</translation>
    </message>
</context>
<context>
    <name>LabWindow</name>
    <message>
        <location filename="../../app/lab_windows.cpp" line="+25"/>
        <source>Head-direction lab (ring attractor)</source>
        <translation>Kopfrichtungs-Labor (Ringattraktor)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grid-cells lab (path integration in 2-D)</source>
        <translation>Gitterzellen-Labor (Wegintegration in 2-D)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(unknown preset)</source>
        <translation>(unbekannte Voreinstellung)</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../app/main.cpp" line="+35"/>
        <source>no screenshot after 6 minutes (waiting for update %1)</source>
        <translation>kein Bildschirmfoto nach 6 Minuten (warte auf Update %1)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>cannot write screenshot %1</source>
        <translation>Bildschirmfoto %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+23"/>
        <source> (see --help)</source>
        <translation> (siehe --help)</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Cannot load run</source>
        <translation>Lauf kann nicht geladen werden</translation>
    </message>
</context>
<context>
    <name>RemoveInterventionCommand</name>
    <message>
        <location filename="../../app/undo_commands.cpp" line="+22"/>
        <source>remove: %1</source>
        <translation>entfernen: %1</translation>
    </message>
</context>
<context>
    <name>SetThresholdsCommand</name>
    <message>
        <location line="+15"/>
        <source>edit class thresholds</source>
        <translation>Klassenschwellen bearbeiten</translation>
    </message>
</context>
<context>
    <name>ViewExport</name>
    <message>
        <location filename="../../app/view_export.cpp" line="+14"/>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;CSV data (*.csv)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf);;CSV-Daten (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>could not write the data of this view to %1</source>
        <translation>die Daten dieser Ansicht konnten nicht nach %1 geschrieben werden</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+12"/>
        <location line="+14"/>
        <source>could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Exported from Emergence</source>
        <translation>Exportiert aus Emergence</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>unknown format &quot;%1&quot; (use .png, .svg, .pdf or .csv)</source>
        <translation>unbekanntes Format „%1“ (.png, .svg, .pdf oder .csv verwenden)</translation>
    </message>
</context>
<context>
    <name>emergence::app::Autosaver</name>
    <message>
        <location filename="../../app/autosaver.cpp" line="+93"/>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>autosave into %1 failed: %2</source>
        <translation>Auto-Speichern nach %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>autosave off</source>
        <translation>Auto-Speichern aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>autosave every %1 min</source>
        <translation>Auto-Speichern alle %1 min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>autosaving → %1</source>
        <translation>Auto-Speichern → %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>autosave failed (see tooltip)</source>
        <translation>Auto-Speichern fehlgeschlagen (siehe Tooltip)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>autosaved update %1 at %2 → %3</source>
        <translation>Auto-Speichern: Update %1 um %2 → %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>autosave every %1 min → %2</source>
        <translation>Auto-Speichern alle %1 min → %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The run is saved every %1 minutes into %2 (Edit → Preferences to change)</source>
        <translation>Der Lauf wird alle %1 Minuten in %2 gespeichert (ändern unter Bearbeiten → Einstellungen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Autosave is off (Edit → Preferences)</source>
        <translation>Automatisches Speichern ist aus (Bearbeiten → Einstellungen)</translation>
    </message>
</context>
<context>
    <name>emergence::app::AvStatisticsDialog</name>
    <message>
        <location filename="../../app/av_statistics_dialog.cpp" line="+26"/>
        <source>Angular-velocity statistics: slow, normal and fast turning</source>
        <translation>Winkelgeschwindigkeits-Statistik: langsames, normales und schnelles Drehen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Stopping after the current update…</source>
        <translation>Halte nach dem laufenden Update an…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>run %1 of %2 (AV ×%3): update %4 of %5</source>
        <translation>Lauf %1 von %2 (AV ×%3): Update %4 von %5</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>run %1 of %2 (AV ×%3): classifying units</source>
        <translation>Lauf %1 von %2 (AV ×%3): klassifiziere Einheiten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>AV statistics</source>
        <translation>AV-Statistik</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 % · %2</source>
        <translation>%1 % · %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Starting: %1 runs of %2 updates (preset %3, seed %4)…</source>
        <translation>Starte: %1 Läufe mit je %2 Updates (Voreinstellung %3, Seed %4)…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled after %1 min; %2 of %3 runs complete (shown).</source>
        <translation>Nach %1 min abgebrochen; %2 von %3 Läufen fertig (angezeigt).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done in %1 min.</source>
        <translation>Fertig in %1 min.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export AV statistics</source>
        <translation>AV-Statistik exportieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>emergence::app::FixedPointsController</name>
    <message>
        <location filename="../../app/fixed_points_controller.cpp" line="+37"/>
        <source>No network yet: the run has not published its weights.</source>
        <translation>Noch kein Netz: Der Lauf hat seine Gewichte noch nicht veröffentlicht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot copy the network: %1</source>
        <translation>Das Netz kann nicht kopiert werden: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>settling %1 states for %2 steps</source>
        <translation>lasse %1 Zustände %2 Schritte lang einschwingen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>slow point %1 of %2</source>
        <translation>langsamer Punkt %1 von %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Fixed points</source>
        <translation>Fixpunkte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Searching (%1 %): %2</source>
        <translation>Suche (%1 %): %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Searching the slow points of the network of update %1…</source>
        <translation>Suche die langsamen Punkte des Netzes von Update %1…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Search failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search cancelled before the states had settled.</source>
        <translation>Suche abgebrochen, bevor die Zustände eingeschwungen waren.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled after %1 slow points (%2 s); showing what was found.</source>
        <translation>Nach %1 langsamen Punkten abgebrochen (%2 s); das Gefundene wird gezeigt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 slow points of the network of update %2, found in %3 s. Click one for its Jacobian spectrum.</source>
        <translation>%1 langsame Punkte des Netzes von Update %2, gefunden in %3 s. Einen anklicken für sein Jacobi-Spektrum.</translation>
    </message>
</context>
<context>
    <name>emergence::app::GridExperimentPanel</name>
    <message>
        <location filename="../../app/grid_experiment_panel.cpp" line="+28"/>
        <source>Arena editor</source>
        <translation>Arena-Editor</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Square</source>
        <translation>Quadrat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectangle</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Circle</source>
        <translation>Kreis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equilateral triangle</source>
        <translation>Gleichseitiges Dreieck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regular hexagon</source>
        <translation>Regelmäßiges Sechseck</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Height</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Radius</source>
        <translation>Radius</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Re-evaluate here</source>
        <translation>Hier neu auswerten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Evaluate the trained network, unchanged, in this arena: its rate maps appear in the mosaic (Maps: Arena test) and deform with the walls.</source>
        <translation>Das trainierte Netz unverändert in dieser Arena auswerten: Seine Ratenkarten erscheinen im Mosaik (Karten: Arena-Test) und verformen sich mit den Wänden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retrain here</source>
        <translation>Hier neu trainieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a new run (same seed and settings) in this arena.</source>
        <translation>Einen neuen Lauf (gleicher Seed, gleiche Einstellungen) in dieser Arena starten.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Retrain to compare</source>
        <translation>Zum Vergleich neu trainieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Place cells (Sorscher)</source>
        <translation>Ortszellen (Sorscher)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cartesian x, y (Cueva &amp; Wei)</source>
        <translation>Kartesisch x, y (Cueva &amp; Wei)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the readout changes; arena, trajectories, training recipe and seed stay. Cartesian readouts are not expected to give hexagonal grids.</source>
        <translation>Nur die Ausleseschicht ändert sich; Arena, Trajektorien, Trainingsrezept und Seed bleiben. Von kartesischen Ausleseschichten werden keine hexagonalen Gitter erwartet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Readout</source>
        <translation>Auslese</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+9"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Metabolic cost λ · mean(activity²) (CW18&apos;s firing-rate penalty); 0 = off</source>
        <translation>Metabolische Kosten λ · Mittel(Aktivität²) (die Feuerraten-Strafe von CW18); 0 = aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metabolic cost λ</source>
        <translation>Metabolische Kosten λ</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>SD of the CTRNN&apos;s noise (Cartesian readout); the place-cell RNN is noise-free</source>
        <translation>Standardabweichung des CTRNN-Rauschens (kartesische Auslese); das Ortszellen-RNN ist rauschfrei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Noise SD</source>
        <translation>Rausch-SD</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Retrain with these settings</source>
        <translation>Mit diesen Einstellungen neu trainieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Starts a new run with the same seed; save the current run first (Ctrl+S) to compare the two later (autosave keeps it too).</source>
        <translation>Startet einen neuen Lauf mit demselben Seed; den aktuellen Lauf vorher speichern (Strg+S), um beide später zu vergleichen (das automatische Speichern behält ihn ebenfalls).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;small&gt;These change the network itself, so they start a new run (&quot;retrain to compare&quot;).&lt;/small&gt;</source>
        <translation>&lt;small&gt;Diese ändern das Netz selbst und starten deshalb einen neuen Lauf („zum Vergleich neu trainieren“).&lt;/small&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evaluate now</source>
        <translation>Jetzt auswerten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rate maps, scores, classes and tuning of the current network on the fixed evaluation trials, in the background (progress and Cancel in the status bar)</source>
        <translation>Ratenkarten, Scores, Klassen und Tuning des aktuellen Netzes auf den festen Auswertungs-Trials, im Hintergrund (Fortschritt und Abbrechen in der Statusleiste)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> updates</source>
        <translation> Updates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The live maps cover the last half to whole of this many updates</source>
        <translation>Die Live-Karten decken die letzte Hälfte bis Gesamtheit so vieler Updates ab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live maps over</source>
        <translation>Live-Karten über</translation>
    </message>
</context>
<context>
    <name>emergence::app::GridLabWindow</name>
    <message>
        <location filename="../../app/grid_lab_window.cpp" line="+49"/>
        <source>Rate maps</source>
        <translation>Ratenkarten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Arena</source>
        <translation>Arena</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit inspector</source>
        <translation>Einheiten-Inspektor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scores</source>
        <translation>Scores</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training curves</source>
        <translation>Lernkurven</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Perturbations</source>
        <translation>Eingriffe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Experiments</source>
        <translation>Experimente</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New run with the changed settings (the previous one is in Recent runs if it was saved or autosaved)</source>
        <translation>Neuer Lauf mit den geänderten Einstellungen (der vorige steht unter „Letzte Läufe“, falls er gespeichert oder automatisch gespeichert wurde)</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Evaluating the trained network in a %1…</source>
        <translation>Werte das trainierte Netz in einem %1 aus…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (modified)</source>
        <translation>%1 (geändert)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>decoding error –</source>
        <translation>Dekodierfehler –</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decoding error %1 cm</source>
        <translation>Dekodierfehler %1 cm</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Arena test at update %1: %2 %</source>
        <translation>Arena-Test bei Update %1: %2 %</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Evaluation at update %1: %2 %</source>
        <translation>Auswertung bei Update %1: %2 %</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>, %n queued</source>
        <translation>
            <numerusform>, %n wartend</numerusform>
            <numerusform>, %n wartend</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last evaluation at update %1 (%2 s)</source>
        <translation>letzte Auswertung bei Update %1 (%2 s)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Arena test at update %1</source>
        <translation>Arena-Test bei Update %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation at update %1</source>
        <translation>Auswertung bei Update %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Evaluate now</source>
        <translation>Jetzt auswerten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel evaluations</source>
        <translation>Auswertungen abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Arena editor and retraining…</source>
        <translation>Arena-Editor und Neutraining…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Perturbation console</source>
        <translation>Eingriffskonsole</translation>
    </message>
    <message>
        <location filename="../../app/grid_lab_window.h" line="+54"/>
        <source>grid-cells lab</source>
        <translation>Gitterzellen-Labor</translation>
    </message>
</context>
<context>
    <name>emergence::app::GridPerturbationConsole</name>
    <message>
        <location filename="../../app/grid_perturbation_console.cpp" line="+42"/>
        <source>Active interventions</source>
        <translation>Aktive Eingriffe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Id</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Intervention</source>
        <translation>Eingriff</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Steps left</source>
        <translation>Verbleibende Schritte</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove all</source>
        <translation>Alle entfernen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Selected units</source>
        <translation>Ausgewählte Einheiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Grid units</source>
        <translation>Gitter-Einheiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Border units</source>
        <translation>Rand-Einheiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Band units</source>
        <translation>Band-Einheiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other units</source>
        <translation>Andere Einheiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All units</source>
        <translation>Alle Einheiten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stimulate / clamp / silence</source>
        <translation>Stimulieren / fixieren / stummschalten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>click tiles, or type e.g. 3, 7, 10-12</source>
        <translation>Kacheln anklicken oder z. B. 3, 7, 10-12 eingeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit indices; a click on a unit in any view selects it (Ctrl-click adds).</source>
        <translation>Einheiten-Indizes; ein Klick auf eine Einheit in einer beliebigen Ansicht wählt sie aus (Strg-Klick fügt hinzu).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selection</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inject current</source>
        <translation>Strom injizieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clamp rate</source>
        <translation>Rate fixieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Silence</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Until released</source>
        <translation>Bis zur Freigabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For N live steps</source>
        <translation>Für N Live-Schritte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> steps</source>
        <translation> Schritte</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acts in training and in the live trial from the next step (undo: Ctrl+Z).</source>
        <translation>Wirkt ab dem nächsten Schritt im Training und im Live-Trial (rückgängig: Strg+Z).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ablate a pathway</source>
        <translation>Eine Bahn ablatieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recurrent weights (from → to)</source>
        <translation>Rekurrente Gewichte (von → nach)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Velocity input → units</source>
        <translation>Geschwindigkeits-Eingang → Einheiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Readout of units</source>
        <translation>Auslese der Einheiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From (presynaptic)</source>
        <translation>Präsynaptisch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To (postsynaptic)</source>
        <translation>Postsynaptisch</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ablate</source>
        <translation>Ablatieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zeroes the block; remove it from the list below to restore it.</source>
        <translation>Setzt den Block auf null; zum Wiederherstellen aus der Liste unten entfernen.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>No unit selected: click a tile or type indices.</source>
        <translation>Keine Einheit ausgewählt: eine Kachel anklicken oder Indizes eingeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: none in the current evaluation.</source>
        <translation>%1: keine in der aktuellen Auswertung.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>units %1</source>
        <translation>Einheiten %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>inject %1 → %2</source>
        <translation>%1 injizieren → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clamp %1 to %2</source>
        <translation>%1 auf %2 fixieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>silence %1</source>
        <translation>%1 stummschalten</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> (%n unit(s))</source>
        <translation>
            <numerusform> (%n Einheit)</numerusform>
            <numerusform> (%n Einheiten)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> for %1 steps</source>
        <translation> für %1 Schritte</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 has no units (or nothing selected).</source>
        <translation>%1 hat keine Einheiten (oder nichts ist ausgewählt).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>cut %1 → %2</source>
        <translation>kappe %1 → %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cut velocity input → %1</source>
        <translation>kappe Geschwindigkeits-Eingang → %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cut readout of %1</source>
        <translation>kappe Auslese von %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>remove all interventions</source>
        <translation>alle Eingriffe entfernen</translation>
    </message>
    <message>
        <location line="+54"/>
        <location line="+9"/>
        <source>until released</source>
        <translation>bis zur Freigabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>emergence::app::JobProgressWidget</name>
    <message>
        <location filename="../../app/job_progress_widget.cpp" line="+38"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop %1</source>
        <translation>%1 anhalten</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: stopping…</source>
        <translation>%1: halte an…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 finished in %2 s</source>
        <translation>%1 fertig in %2 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cancelled after %2 s</source>
        <translation>%1 nach %2 s abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>emergence::app::LabWindow</name>
    <message>
        <location filename="../../app/lab_window.cpp" line="+69"/>
        <source>Save failed</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Emergence — %1 — preset %2, seed %3</source>
        <translation>Emergence — %1 — Voreinstellung %2, Seed %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Emergence — %1</source>
        <translation>Emergence — %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../app/lab_window_actions.cpp" line="+34"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved to %1</source>
        <translation>Gespeichert in %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Testing</source>
        <translation>Test</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>update %1 / %2</source>
        <translation>Update %1 / %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 upd/s</source>
        <translation>%1 Upd./s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 fps</source>
        <translation>%1 fps</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>click→frame %1 ms</source>
        <translation>Klick→Bild %1 ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Command to visible frame: last %1 ms (%2 frames), mean %3 ms, max %4 ms</source>
        <translation>Befehl bis sichtbares Bild: zuletzt %1 ms (%2 Bilder), Mittel %3 ms, Maximum %4 ms</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>unknown lab &quot;%1&quot;</source>
        <translation>unbekanntes Labor „%1“</translation>
    </message>
    <message>
        <location filename="../../app/lab_window_actions.cpp" line="+3"/>
        <source>Start or pause training (Space)</source>
        <translation>Training starten oder anhalten (Leertaste)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fast-forward</source>
        <translation>Vorspulen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Slower</source>
        <translation>Langsamer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Faster</source>
        <translation>Schneller</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Speed %1</source>
        <translation>Tempo %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset (same seed)</source>
        <translation>Zurücksetzen (gleicher Seed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset (new seed)</source>
        <translation>Zurücksetzen (neuer Seed)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save run…</source>
        <translation>Lauf speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load run…</source>
        <translation>Lauf laden…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Presentation mode</source>
        <translation>Präsentationsmodus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leave presentation mode</source>
        <translation>Präsentationsmodus verlassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Dark theme</source>
        <translation>Dunkles Design</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recent runs</source>
        <translation>Letzte Läufe</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+106"/>
        <source>Export view</source>
        <translation>Ansicht exportieren</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preferences…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Lab</source>
        <translation>&amp;Labor</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New run with preset &quot;%1&quot;</source>
        <translation>Neuer Lauf mit Voreinstellung „%1“</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open demo run (grids already trained)</source>
        <translation>Demo-Lauf öffnen (Gitter bereits trainiert)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Retina (coming)</source>
        <translation>Netzhaut (kommt bald)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Run</source>
        <translation>La&amp;uf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reset layout</source>
        <translation>Layout zurücksetzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+1"/>
        <source>About Emergence</source>
        <translation>Über Emergence</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Emergence %1&lt;/b&gt;&lt;p&gt;Neural networks learn neuroscience tasks while you watch brain-like circuits emerge inside them.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Emergence %1&lt;/b&gt;&lt;p&gt;Neuronale Netze lernen neurowissenschaftliche Aufgaben, während Sie zusehen, wie in ihnen hirnähnliche Schaltkreise entstehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Transport</source>
        <translation>Steuerung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>N = </source>
        <translation>N = </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updates to run without drawing when fast-forwarding (F)</source>
        <translation>Updates, die beim Vorspulen ohne Zeichnen laufen (F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> Speed </source>
        <translation> Tempo </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Demonstration delay between updates: 0 = 1 s … 4 = full speed ([ ], 0–4)</source>
        <translation>Vorführpause zwischen Updates: 0 = 1 s … 4 = volles Tempo ([ ], 0–4)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Fast-forwarding %1 updates…</source>
        <translation>Spule %1 Updates vor…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Save run into folder</source>
        <translation>Lauf in Ordner speichern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Load run folder</source>
        <translation>Lauf-Ordner laden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported %1 to %2</source>
        <translation>%1 nach %2 exportiert</translation>
    </message>
    <message>
        <location filename="../../app/lab_window_runs.cpp" line="+61"/>
        <source>Open demo: grid cells</source>
        <translation>Demo öffnen: Gitterzellen</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+7"/>
        <location line="+8"/>
        <source>Cannot load run</source>
        <translation>Lauf kann nicht geladen werden</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1: config.json: lab: &quot;%2&quot; is not a lab of this version</source>
        <translation>%1: config.json: lab: „%2“ ist kein Labor dieser Version</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No demo run</source>
        <translation>Kein Demo-Lauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demo run of the %1 is not installed (looked in %2).</source>
        <translation>Der Demo-Lauf (%1) ist nicht installiert (gesucht in %2).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear list</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>emergence::app::MainWindow</name>
    <message>
        <location filename="../../app/main_window.cpp" line="+46"/>
        <source>Ring</source>
        <translation>Ring</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training curves</source>
        <translation>Lernkurven</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Heading trace</source>
        <translation>Kopfrichtungs-Verlauf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit classes</source>
        <translation>Einheitenklassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connectivity</source>
        <translation>Konnektivität</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Spectrum</source>
        <translation>Spektrum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unit inspector</source>
        <translation>Einheiten-Inspektor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fixed points</source>
        <translation>Fixpunkte</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Perturbations</source>
        <translation>Eingriffe</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>test error %1 %</source>
        <translation>Testfehler %1 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test error –</source>
        <translation>Testfehler –</translation>
    </message>
    <message>
        <location filename="../../app/main_window.h" line="+58"/>
        <source>head-direction lab</source>
        <translation>Kopfrichtungs-Labor</translation>
    </message>
    <message>
        <location filename="../../app/main_window_runs.cpp" line="+21"/>
        <source>Find slow points</source>
        <translation>Langsame Punkte suchen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Angular-velocity statistics…</source>
        <translation>Winkelgeschwindigkeits-Statistik…</translation>
    </message>
</context>
<context>
    <name>emergence::app::PerturbationConsole</name>
    <message>
        <location filename="../../app/perturbation_console.cpp" line="+42"/>
        <source>Active interventions</source>
        <translation>Aktive Eingriffe</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Id</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Intervention</source>
        <translation>Eingriff</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove all</source>
        <translation>Alle entfernen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Selected units</source>
        <translation>Ausgewählte Einheiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Compass</source>
        <translation>Kompass</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shifter CCW</source>
        <translation>Shifter CCW</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Shifter CW</source>
        <translation>Shifter CW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All shifters</source>
        <translation>Alle Shifter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Weakly tuned</source>
        <translation>Schwach getunt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dead</source>
        <translation>Tot</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All units</source>
        <translation>Alle Einheiten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stimulate / clamp / silence</source>
        <translation>Stimulieren / fixieren / stummschalten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>click units, or type e.g. 3, 7, 10-12</source>
        <translation>Einheiten anklicken oder z. B. 3, 7, 10-12 eingeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit indices; a click on a unit in any view selects it (Ctrl-click adds).</source>
        <translation>Einheiten-Indizes; ein Klick auf eine Einheit in einer beliebigen Ansicht wählt sie aus (Strg-Klick fügt hinzu).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selection</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Inject current</source>
        <translation>Strom injizieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clamp rate</source>
        <translation>Rate fixieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Silence</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Until released</source>
        <translation>Bis zur Freigabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For N steps</source>
        <translation>Für N Schritte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> steps</source>
        <translation> Schritte</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Takes effect at the next simulation step (undo: Ctrl+Z).</source>
        <translation>Wirkt ab dem nächsten Simulationsschritt (rückgängig: Strg+Z).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ablate a pathway</source>
        <translation>Eine Bahn ablatieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recurrent weights (from → to)</source>
        <translation>Rekurrente Gewichte (von → nach)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Angular-velocity input → units</source>
        <translation>Winkelgeschw.-Eingang → Einheiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cue inputs → units</source>
        <translation>Hinweis-Eingänge → Einheiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Readout of units</source>
        <translation>Auslese der Einheiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Block</source>
        <translation>Block</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From (presynaptic)</source>
        <translation>Präsynaptisch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To (postsynaptic)</source>
        <translation>Postsynaptisch</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ablate</source>
        <translation>Ablatieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zeroes the block; remove it from the list below to restore it.</source>
        <translation>Setzt den Block auf null; zum Wiederherstellen aus der Liste unten entfernen.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>No unit selected: click a unit or type indices.</source>
        <translation>Keine Einheit ausgewählt: eine Einheit anklicken oder Indizes eingeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has no units in the current analysis.</source>
        <translation>%1 hat in der aktuellen Analyse keine Einheiten.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>units %1</source>
        <translation>Einheiten %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>inject %1 → %2</source>
        <translation>%1 injizieren → %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clamp %1 to %2</source>
        <translation>%1 auf %2 fixieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>silence %1</source>
        <translation>%1 stummschalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> for %1 steps</source>
        <translation> für %1 Schritte</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 has no units (or nothing selected).</source>
        <translation>%1 hat keine Einheiten (oder nichts ist ausgewählt).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cut %1 → %2</source>
        <translation>kappe %1 → %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cut AV input → %1</source>
        <translation>kappe AV-Eingang → %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cut cue inputs → %1</source>
        <translation>kappe Hinweis-Eingänge → %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>cut readout of %1</source>
        <translation>kappe Auslese von %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>remove all interventions</source>
        <translation>alle Eingriffe entfernen</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>emergence::app::PreferencesDialog</name>
    <message>
        <location filename="../../app/preferences_dialog.cpp" line="+17"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Autosave the current run</source>
        <translation>Den aktuellen Lauf automatisch speichern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Into a folder per run under %1</source>
        <translation>In einen Ordner pro Lauf unter %1</translation>
    </message>
</context>
<context>
    <name>emergence::app::ShortcutSheet</name>
    <message>
        <location filename="../../app/shortcut_sheet.cpp" line="+12"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>  or  </source>
        <translation>  oder  </translation>
    </message>
</context>
<context>
    <name>emergence::app::StartPage</name>
    <message>
        <location filename="../../app/start_page.cpp" line="+26"/>
        <source>grid cells</source>
        <translation>Gitterzellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>head direction</source>
        <translation>Kopfrichtung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The paper&apos;s recipe exactly: AdamW at 1e-3, 500-step trials, 5000 updates (slow to leave its plateau).</source>
        <translation>Genau das Rezept des Artikels: AdamW mit 1e-3, Trials mit 500 Schritten, 5000 Updates (verlässt sein Plateau nur langsam).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tuned for watching emergence live: learning rate 3e-3, trial-length curriculum, 3000 updates; classes appear within minutes.</source>
        <translation>Abgestimmt, um die Entstehung live zu verfolgen: Lernrate 3e-3, Curriculum über die Trial-Länge, 3000 Updates; die Klassen erscheinen innerhalb von Minuten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 units, %2 updates of %3-step trials, learning rate %4.</source>
        <translation>%1 Einheiten, %2 Updates mit Trials von %3 Schritten, Lernrate %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(unknown preset)</source>
        <translation>(unbekannte Voreinstellung)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Head-direction lab (ring attractor)</source>
        <translation>Kopfrichtungs-Labor (Ringattraktor)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Emergence — start</source>
        <translation>Emergence — Start</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;h2&gt;Emergence&lt;/h2&gt;&lt;p&gt;Neural networks learn neuroscience tasks while you watch brain-like circuits emerge inside them.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Emergence&lt;/h2&gt;&lt;p&gt;Neuronale Netze lernen neurowissenschaftliche Aufgaben, während Sie zusehen, wie in ihnen hirnähnliche Schaltkreise entstehen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New run — %1</source>
        <translation>Neuer Lauf — %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a new run with the preset &quot;%1&quot;</source>
        <translation>Einen neuen Lauf mit der Voreinstellung „%1“ starten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open demo run</source>
        <translation>Demo-Lauf öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A run trained with a fixed seed whose circuits have already emerged</source>
        <translation>Ein mit festem Seed trainierter Lauf, dessen Schaltkreise bereits entstanden sind</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recent runs</source>
        <translation>Letzte Läufe</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1
    %2</source>
        <translation>%1
    %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (missing)
    %2</source>
        <translation>%1 (fehlt)
    %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No recent runs yet: saved and autosaved runs appear here.</source>
        <translation>Noch keine Läufe: Gespeicherte und automatisch gespeicherte Läufe erscheinen hier.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open run folder…</source>
        <translation>Lauf-Ordner öffnen…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Load run folder</source>
        <translation>Lauf-Ordner laden</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::AvStatisticsView</name>
    <message>
        <location filename="../../widgets/av_statistics_view.cpp" line="+47"/>
        <source>Updates per run</source>
        <translation>Updates pro Lauf</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Train ×0.1, ×1, ×3 and compare</source>
        <translation>×0,1, ×1, ×3 trainieren und vergleichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trains three networks with the current configuration and seed, the SD of the angular velocity multiplied by 0.1, 1 and 3, one after the other on one thread (the live lab keeps running), then classifies their units</source>
        <translation>Trainiert drei Netze mit der aktuellen Konfiguration und dem aktuellen Seed, die Standardabweichung der Winkelgeschwindigkeit mit 0,1, 1 und 3 multipliziert, nacheinander auf einem Thread (das Live-Labor läuft weiter), und klassifiziert dann ihre Einheiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not run yet.</source>
        <translation>Noch nicht gelaufen.</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>ω (°/step), ω ≠ 0</source>
        <translation>ω (°/Schritt), ω ≠ 0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HD tuning strength</source>
        <translation>HD-Tuning-Stärke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AV slope (rate per °/step)</source>
        <translation>AV-Steigung (Rate pro °/Schritt)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>AV SD %1
not run yet</source>
        <translation>AV-SD %1
noch nicht gelaufen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>AV SD %1 (%2°/step)
%3 updates · test error %4 %</source>
        <translation>AV-SD %1 (%2°/Schritt)
%3 Updates · Testfehler %4 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>AV SD %1</source>
        <translation>AV-SD %1</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::ClassScatterView</name>
    <message>
        <location filename="../../widgets/class_scatter_view.cpp" line="+30"/>
        <source>HD tuning strength (max − min rate)</source>
        <translation>HD-Tuning-Stärke (max. − min. Rate)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AV slope (rate per °/step)</source>
        <translation>AV-Steigung (Rate pro °/Schritt)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>preferred HD (°)</source>
        <translation>bevorzugte HD (°)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Compass min strength</source>
        <translation>Kompass min. Stärke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compass max |slope|</source>
        <translation>Kompass max. |Steig.|</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weak max strength</source>
        <translation>schwach max. Stärke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weak max |slope|</source>
        <translation>schwach max. |Steig.|</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dead: strength &lt;</source>
        <translation>tot: Stärke &lt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dead: range &lt;</source>
        <translation>tot: Spanne &lt;</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::ConnectivityProfilesView</name>
    <message>
        <location filename="../../widgets/connectivity_profiles_view.cpp" line="+46"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Δ preferred HD (°)</source>
        <translation>Δ bevorzugte HD (°)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Mean ± SD of W[post ← pre] vs Δ preferred HD (update %1)</source>
        <translation>Mittel ± SD von W[post ← prä] über Δ bevorzugte HD (Update %1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connectivity profiles appear after the first tuning analysis</source>
        <translation>Konnektivitätsprofile erscheinen nach der ersten Tuning-Analyse</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::FixedPointsView</name>
    <message>
        <location filename="../../widgets/fixed_points_view.cpp" line="+45"/>
        <source>Find slow points</source>
        <translation>Langsame Punkte suchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settle the current network from 64 headings (ω = 0, noise off), then search the slow points of its autonomous dynamics (runs in the background)</source>
        <translation>Das aktuelle Netz aus 64 Kopfrichtungen einschwingen lassen (ω = 0, Rauschen aus), dann die langsamen Punkte seiner autonomen Dynamik suchen (läuft im Hintergrund)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Zoom on the eigenvalues</source>
        <translation>Auf die Eigenwerte zoomen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Off: the whole unit disc. On: the box around the eigenvalues and λ = 1 (with α = dt/τ = 0.1 they all lie within 0.1·|μ| of 0.9)</source>
        <translation>Aus: die ganze Einheitskreisscheibe. An: der Bereich um die Eigenwerte und λ = 1 (mit α = dt/τ = 0,1 liegen alle höchstens 0,1·|μ| von 0,9 entfernt)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No search yet.</source>
        <translation>Noch keine Suche.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>States at ω = 0, PC 1–2
colour = cued heading · ◆ slow point</source>
        <translation>Zustände bei ω = 0, PC 1–2
Farbe = vorgegebene Kopfrichtung
◆ langsamer Punkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PC 1</source>
        <translation>PC 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PC 2</source>
        <translation>PC 2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>slow points</source>
        <translation>langsame Punkte</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+189"/>
        <source>Jacobian eigenvalues:
click a slow point
</source>
        <translation>Jacobi-Eigenwerte:
langsamen Punkt anklicken
</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>Re λ</source>
        <translation>Re λ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Im λ</source>
        <translation>Im λ</translation>
    </message>
    <message>
        <location line="+178"/>
        <source>Jacobian at slow point %1 (θ0 = %2°)
|λ1| = %3  ·  |λ2| = %4
q = ½‖F(x) − x‖² = %5</source>
        <translation>Jacobi-Matrix am Punkt %1 (θ0 = %2°)
|λ1| = %3  ·  |λ2| = %4
q = ½‖F(x) − x‖² = %5</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Jacobian eigenvalues
(no slow points yet)
</source>
        <translation>Jacobi-Eigenwerte
(noch keine Punkte)
</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Press “Find slow points” to analyse the network of update %1.</source>
        <translation>„Langsame Punkte suchen“ drücken, um das Netz von Update %1 zu analysieren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the first weights of the run.</source>
        <translation>Warte auf die ersten Gewichte des Laufs.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ring: %1 — winding %2, radius CV %3, largest gap %4°, PC 1+2 explain %5 %.</source>
        <translation>Ring: %1 — Windungszahl %2, Radius-VK %3, größte Lücke %4°, PC 1+2 erklären %5 %.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Slow points: %1 of %2 converged; %3 with |λ1| within %6 of 1 and the rest &lt; 1; median q %4; median |λ1| %5.</source>
        <translation>Langsame Punkte: %1 von %2 konvergiert; %3 mit |λ1| höchstens %6 von 1 entfernt und dem Rest &lt; 1; Median q %4; Median |λ1| %5.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(search stopped early)</source>
        <translation>(Suche vorzeitig beendet)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Network of update %1 (now %2).</source>
        <translation>Netz von Update %1 (jetzt %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network of update %1.</source>
        <translation>Netz von Update %1.</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::GridArenaView</name>
    <message>
        <location filename="../../widgets/grid_arena_view.cpp" line="+23"/>
        <source>Place cells</source>
        <translation>Ortszellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the centres of the place cells the network reads out</source>
        <translation>Die Zentren der Ortszellen zeigen, die das Netz ausliest</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> steps</source>
        <translation> Schritte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re-encode the network state from the true position every N steps, as at the start of every training sequence; 0 = never (watch the decoded position drift)</source>
        <translation>Den Netzzustand alle N Schritte aus der wahren Position neu kodieren, wie zu Beginn jeder Trainingssequenz; 0 = nie (die dekodierte Position driften sehen)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Re-anchor every</source>
        <translation>Neu verankern alle</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Trial %1, step %2 / %3 · decoding error %4 cm (mean of the last %5 steps %6 cm)</source>
        <translation>Trial %1, Schritt %2 / %3 · Dekodierfehler %4 cm (Mittel der letzten %5 Schritte %6 cm)</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source> · re-anchored %n step(s) ago</source>
        <translation>
            <numerusform> · vor %n Schritt neu verankert</numerusform>
            <numerusform> · vor %n Schritten neu verankert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>intervention</source>
        <translation>Eingriff</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No run yet</source>
        <translation>Noch kein Lauf</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>● true position</source>
        <translation>● wahre Position</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>○ decoded position</source>
        <translation>○ dekodierte Position</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 cm</source>
        <translation>%1 cm</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>decoding error (cm), last %1 steps</source>
        <translation>Dekodierfehler (cm), letzte %1 Schritte</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::GridRateMapMosaic</name>
    <message>
        <location filename="../../widgets/grid_rate_map_mosaic.cpp" line="+88"/>
        <source>Live (training batches)</source>
        <translation>Live (Training)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arena test</source>
        <translation>Arena-Test</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live: maps from the last training batches. Evaluation: the last full evaluation (fixed trials, noise off). Arena test: the trained network in the arena of the arena editor.</source>
        <translation>Live: Karten aus den letzten Trainings-Batches. Auswertung: die letzte vollständige Auswertung (feste Trials, Rauschen aus). Arena-Test: das trainierte Netz in der Arena des Arena-Editors.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Grid score (60°)</source>
        <translation>Gitter-Score (60°)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Border score</source>
        <translation>Rand-Score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Band score</source>
        <translation>Band-Score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean rate</source>
        <translation>Mittlere Rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit index</source>
        <translation>Einheiten-Index</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fit all</source>
        <translation>Alle zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 px</source>
        <translation>%1 px</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Smooth</source>
        <translation>Glätten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display smoothing, σ = 1 bin (scores use the raw maps)</source>
        <translation>Glättung der Anzeige, σ = 1 Bin (die Scores verwenden die Rohkarten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maps:</source>
        <translation>Karten:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sort by:</source>
        <translation>Sortierung:</translation>
    </message>
    <message>
        <location line="+224"/>
        <source>No arena test yet: Lab → Arena editor → Re-evaluate</source>
        <translation>Noch kein Arena-Test: Labor → Arena-Editor → Hier neu auswerten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No rate maps yet</source>
        <translation>Noch keine Ratenkarten</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Unit %1%2
score60 %3   score90 %4
border %5   band %6
mean rate %7   spacing %8 cm</source>
        <translation>Einheit %1%2
Score60 %3   Score90 %4
Rand %5   Band %6
mittlere Rate %7   Abstand %8 cm</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>grid score</source>
        <translation>Gitter-Score</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>border score</source>
        <translation>Rand-Score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>band score</source>
        <translation>Band-Score</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mean rate</source>
        <translation>mittlere Rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unit index</source>
        <translation>Einheiten-Index</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for rate maps…</source>
        <translation>Warte auf Ratenkarten…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Live maps of updates %1–%2</source>
        <translation>Live-Karten der Updates %1–%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Arena test (%1) at update %2</source>
        <translation>Arena-Test (%1) bei Update %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Evaluation at update %1 (live maps after the first updates)</source>
        <translation>Auswertung bei Update %1 (Live-Karten nach den ersten Updates)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evaluation at update %1</source>
        <translation>Auswertung bei Update %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2 units · sorted by %3%4</source>
        <translation>%1 · %2 Einheiten · sortiert nach %3%4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · %1 grid units</source>
        <translation> · %1 Gitter-Einheiten</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::GridScoreHistogramsView</name>
    <message>
        <location filename="../../widgets/grid_score_histograms.cpp" line="+17"/>
        <source>Scores</source>
        <translation>Scores</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>update</source>
        <translation>Update</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>units per class</source>
        <translation>Einheiten pro Klasse</translation>
    </message>
    <message>
        <location line="+99"/>
        <source>%1 at update %2
%3 of %4 units score60 &gt; %5 (max %6) · %7 border &gt; %8</source>
        <translation>%1 bei Update %2
%3 von %4 Einheiten Score60 &gt; %5 (max. %6) · %7 Rand &gt; %8</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live maps</source>
        <translation>Live-Karten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Evaluation</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Scores: waiting for rate maps…</source>
        <translation>Scores: warte auf Ratenkarten…</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::GridTrainingCurvesView</name>
    <message>
        <location filename="../../widgets/grid_training_curves.cpp" line="+53"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decoding error (cm)</source>
        <translation>Dekodierfehler (cm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>updates/s</source>
        <translation>Updates/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>update</source>
        <translation>Update</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>total loss</source>
        <translation>Gesamtverlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>task (cross-entropy / MSE)</source>
        <translation>Aufgabe (Kreuzentropie / MSE)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Update %1 · %2 updates/s · decoding error %3 cm</source>
        <translation>Update %1 · %2 Updates/s · Dekodierfehler %3 cm</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::GridUnitInspector</name>
    <message>
        <location filename="../../widgets/grid_unit_inspector.cpp" line="+65"/>
        <location line="+59"/>
        <source>Click a unit (mosaic, weights) to inspect it</source>
        <translation>Einheit anklicken (Mosaik, Gewichte)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unit %1%2</source>
        <translation>Einheit %1%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Waiting for the first evaluation…</source>
        <translation>Warte auf die erste Auswertung…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live maps: score60 %1 · score90 %2 · border %3 · band %4&lt;br&gt;&lt;i&gt;Evaluation pending…&lt;/i&gt;</source>
        <translation>Live-Karten: Score60 %1 · Score90 %2 · Rand %3 · Band %4&lt;br&gt;&lt;i&gt;Auswertung ausstehend…&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;table cellspacing=&apos;2&apos;&gt;&lt;tr&gt;&lt;td&gt;score60&lt;/td&gt;&lt;td&gt;&lt;b&gt;%1&lt;/b&gt; (min/max) · %2 (mean form)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;score90&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;spacing&lt;/td&gt;&lt;td&gt;%4 cm · orientation %5°&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;border&lt;/td&gt;&lt;td&gt;%6 · band %7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;HD tuning&lt;/td&gt;&lt;td&gt;R = %8 at %9° · speed score %10&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td colspan=&apos;2&apos;&gt;&lt;small&gt;evaluation at update %11, %12 bins, thresholds grid &amp;gt; %13, border &amp;gt; %14&lt;/small&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table cellspacing=&apos;2&apos;&gt;&lt;tr&gt;&lt;td&gt;Score60&lt;/td&gt;&lt;td&gt;&lt;b&gt;%1&lt;/b&gt; (Min/Max) · %2 (Mittelwertform)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Score90&lt;/td&gt;&lt;td&gt;%3&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Abstand&lt;/td&gt;&lt;td&gt;%4 cm · Orientierung %5°&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;Rand&lt;/td&gt;&lt;td&gt;%6 · Band %7&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;HD-Tuning&lt;/td&gt;&lt;td&gt;R = %8 bei %9° · Geschwindigkeits-Score %10&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td colspan=&apos;2&apos;&gt;&lt;small&gt;Auswertung bei Update %11, %12 Bins, Schwellen Gitter &amp;gt; %13, Rand &amp;gt; %14&lt;/small&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>No unit selected</source>
        <translation>Keine Einheit ausgewählt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rate map</source>
        <translation>Ratenkarte</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Autocorrelogram (SAC)</source>
        <translation>Autokorrelogramm (SAC)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>SAC after the first evaluation</source>
        <translation>SAC nach der ersten Auswertung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Head direction</source>
        <translation>Kopfrichtung</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>cm/s</source>
        <translation>cm/s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>cm/step</source>
        <translation>cm/Schritt</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::GridWeightMatrixView</name>
    <message>
        <location filename="../../widgets/grid_weight_matrix.cpp" line="+24"/>
        <source>Order:</source>
        <translation>Reihenfolge:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grouped by class</source>
        <translation>Nach Klasse gruppiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grid units by phase</source>
        <translation>Gitter-Einheiten nach Phase</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hover a cell to read a weight</source>
        <translation>Maus auf eine Zelle: Gewicht ablesen</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>grid, by phase</source>
        <translation>Gitter, nach Phase</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>unit %1</source>
        <translation>Einheit %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, score60 %2</source>
        <translation>%1, Score60 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>W[post %1 ← pre %2] = %3   (post: %4;  pre: %5)</source>
        <translation>W[post %1 ← prä %2] = %3   (post: %4;  prä: %5)</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::HeadingTraceView</name>
    <message>
        <location filename="../../widgets/heading_trace_view.cpp" line="+59"/>
        <source>true</source>
        <translation>wahr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decoded</source>
        <translation>dekodiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ω</source>
        <translation>ω</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>heading (°)</source>
        <translation>Kopfrichtung (°)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ω (°/step)</source>
        <translation>ω (°/Schritt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>steps before now</source>
        <translation>Schritte vor jetzt</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::MatrixHeatmap</name>
    <message>
        <location filename="../../widgets/matrix_heatmap.cpp" line="+16"/>
        <source>No weights yet</source>
        <translation>Noch keine Gewichte</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>presynaptic j →</source>
        <translation>präsynaptisch j →</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>postsynaptic i →</source>
        <translation>postsynaptisch i →</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::RingView</name>
    <message>
        <location filename="../../widgets/ring_view.cpp" line="+24"/>
        <source>Units on a ring by preferred head direction; click a unit to inspect it</source>
        <translation>Einheiten auf einem Ring nach bevorzugter Kopfrichtung; eine Einheit anklicken, um sie zu untersuchen</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>true heading</source>
        <translation>wahre Kopfrichtung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>decoded</source>
        <translation>dekodiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ω input</source>
        <translation>ω-Eingang</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>ordered by index (no analysis yet)</source>
        <translation>nach Index geordnet (noch keine Analyse)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No network yet</source>
        <translation>Noch kein Netz</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Update %1</source>
        <translation>Update %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  ·  step %1 / %2</source>
        <translation>  ·  Schritt %1 / %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ω = %1 °/step</source>
        <translation>ω = %1 °/Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>   max r = %1</source>
        <translation>   max. r = %1</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::SpectrumView</name>
    <message>
        <location filename="../../widgets/spectrum_view.cpp" line="+19"/>
        <source>Eigenvalues of W_rec</source>
        <translation>Eigenwerte von W_rec</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unit circle</source>
        <translation>Einheitskreis</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>initial</source>
        <translation>anfangs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>current</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re λ</source>
        <translation>Re λ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Im λ</source>
        <translation>Im λ</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Eigenvalues of W_rec  ·  spectral radius %1 → %2</source>
        <translation>Eigenwerte von W_rec  ·  Spektralradius %1 → %2</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::TrainingCurvesView</name>
    <message>
        <location filename="../../widgets/training_curves_view.cpp" line="+46"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>normalised error (%)</source>
        <translation>normierter Fehler (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>update</source>
        <translation>Update</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>total loss</source>
        <translation>Gesamtverlust</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>task MSE</source>
        <translation>Aufgaben-MSE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training error</source>
        <translation>Trainingsfehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test error</source>
        <translation>Testfehler</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Update %1  ·  %2 updates/s</source>
        <translation>Update %1  ·  %2 Updates/s</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::UnitInspector</name>
    <message>
        <location filename="../../widgets/unit_inspector.cpp" line="+83"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CW (ω &lt; 0)</source>
        <translation>CW (ω &lt; 0)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CCW (ω &gt; 0)</source>
        <translation>CCW (ω &gt; 0)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>head direction (°)</source>
        <translation>Kopfrichtung (°)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <location line="+11"/>
        <source>rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>angular velocity (°/step) at the preferred HD</source>
        <translation>Winkelgeschwindigkeit (°/Schritt) bei der bevorzugten HD</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>steps before now (live trial)</source>
        <translation>Schritte vor jetzt (Live-Trial)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>incoming W[unit ← j]</source>
        <translation>eingehend W[Einheit ← j]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>outgoing W[j ← unit]</source>
        <translation>ausgehend W[j ← Einheit]</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>partner preferred HD − unit preferred HD (°)</source>
        <translation>bevorzugte HD des Partners − bevorzugte HD der Einheit (°)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Click a unit in any view to inspect it</source>
        <translation>Zum Untersuchen eine Einheit anklicken</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unit %1 — not analysed yet</source>
        <translation>Einheit %1 — noch nicht analysiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit %1 — %2 — preferred HD %3°</source>
        <translation>Einheit %1 — %2 — bevorzugte HD %3°</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>CCW − CW offset: %1°</source>
        <translation>Versatz CCW − CW: %1°</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>fitted slope: %1 rate per °/step</source>
        <translation>angepasste Steigung: %1 Rate pro °/Schritt</translation>
    </message>
</context>
<context>
    <name>emergence::widgets::WeightMatrixView</name>
    <message>
        <location filename="../../widgets/weight_matrix_view.cpp" line="+27"/>
        <source>Order:</source>
        <translation>Reihenfolge:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By preferred direction</source>
        <translation>Nach bevorzugter Richtung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grouped by class</source>
        <translation>Nach Klasse gruppiert</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Hover a cell to read a weight</source>
        <translation>Maus auf eine Zelle: Gewicht ablesen</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>unit %1</source>
        <translation>Einheit %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2°</source>
        <translation>%1, %2°</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>W[post %1 ← pre %2] = %3   (post: %4;  pre: %5)</source>
        <translation>W[post %1 ← prä %2] = %3   (post: %4;  prä: %5)</translation>
    </message>
</context>
</TS>
