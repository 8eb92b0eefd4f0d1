@echo off
rem Installiert BezAG Desktop fuer den angemeldeten Benutzer, ohne Administratorrechte,
rem nach %LOCALAPPDATA%\Programs\BezAG Desktop und legt eine Verknuepfung im Startmenue an.
rem Ein Update ist dasselbe: die neue Fassung entpacken und diese Datei erneut ausfuehren.
rem Die Datenbank liegt getrennt davon in %LOCALAPPDATA%\bezag-desktop und bleibt erhalten.
chcp 65001 >nul
setlocal
set "SRC=%~dp0"
set "DEST=%LOCALAPPDATA%\Programs\BezAG Desktop"
tasklist /FI "IMAGENAME eq bezag-desktop.exe" 2>nul | find /I "bezag-desktop.exe" >nul
if not errorlevel 1 (
  echo BezAG Desktop laeuft noch. Bitte das Programm zuerst beenden und dann erneut starten.
  pause
  exit /b 1
)
echo BezAG Desktop wird nach "%DEST%" installiert ...
robocopy "%SRC%." "%DEST%" /MIR /NFL /NDL /NJH /NJS /NP /XF Installieren.cmd >nul
if errorlevel 8 (
  echo Fehler beim Kopieren nach "%DEST%".
  pause
  exit /b 1
)
powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$l = Join-Path ([Environment]::GetFolderPath('Programs')) 'BezAG Desktop.lnk';" ^
  "$s = (New-Object -ComObject WScript.Shell).CreateShortcut($l);" ^
  "$s.TargetPath = Join-Path $env:LOCALAPPDATA 'Programs\BezAG Desktop\bezag-desktop.exe';" ^
  "$s.WorkingDirectory = Join-Path $env:LOCALAPPDATA 'Programs\BezAG Desktop';" ^
  "$s.Description = 'BezAG Desktop'; $s.Save()"
echo.
echo Fertig. BezAG Desktop steht im Startmenue.
echo Ihre Daten liegen in %LOCALAPPDATA%\bezag-desktop und bleiben bei Updates erhalten.
pause
