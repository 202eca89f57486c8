; Inno Setup script: a per-user installer for Windows, no administrator rights needed.
;
; Build on Windows (see docs/packaging.md):
;   1. py -3.11 -m venv .venv && .venv\Scripts\pip install -e .[bundle]
;   2. .venv\Scripts\pyinstaller --noconfirm packaging\opvoed-desktop.spec
;   3. "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\opvoed-desktop.iss
; The installer lands in dist\opvoed-desktop-<version>-setup.exe. Keep AppVersion equal to
; opvoed_desktop.__version__ (a test checks it).

#define AppName "Opvoed Desktop"
#define AppVersion "0.1.0"
#define AppExe "opvoed-desktop.exe"
#define Bundle "..\..\dist\opvoed-desktop"

[Setup]
; A fixed id, so an update replaces the earlier installation instead of adding a second one.
AppId={{6C0D2E6B-5B7A-4E0F-9C1E-4B1D8C2A7F31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=opvoed-desktop developers
; Per user: installs under %LOCALAPPDATA%\Programs, works on a borrowed laptop without an admin.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
Uninstallable=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\..\resources\icons\nl.opvoed.Desktop.ico
OutputDir=..\..\dist
OutputBaseFilename=opvoed-desktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; The app never needs the network; the installer does not either.
ShowLanguageDialog=auto

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: the program, the console twin for the command line, and _internal\.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Bijeenkomsten opvoedondersteuning, zonder internet"
Name: "{autoprograms}\{#AppName} zelftest"; Filename: "{cmd}"; Parameters: "/k ""{app}\opvoed-desktop-cli.exe"" --self-test"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes the program folder only. Meetings, notes and settings live in the user's
; data folder (%LOCALAPPDATA%\opvoed-desktop) and stay, so a reinstall finds them again.
