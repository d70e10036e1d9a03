; Inno Setup 6 script: the Windows installer of AIMS Desktop.
;
; packaging/build.py runs it after PyInstaller, as
;     ISCC.exe /DAppVersion=0.1.0 /DSourceDir=<the one-folder build> /DOutputDir=<folder> aims-desktop.iss
; and, where a code-signing certificate is configured, with /DSign /Saimssign="signtool sign ... $f".
;
; Per user, without administrator rights: the application goes to
; %LOCALAPPDATA%\Programs\AIMS Desktop, the Start menu entry to the user's Start menu, and the .aims
; association (its own icon, an Open verb) to HKEY_CURRENT_USER\Software\Classes. The uninstaller
; removes all of it; the user's projects, settings and data folder are left alone.

#define AppName "AIMS Desktop"
#define AppExe "AIMS Desktop.exe"
#define CliExe "aims-desktop.exe"
#define ProgId "AIMSDesktop.Project"
#define DocumentIcon "aims-project.ico"
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\packaging\dist\aims-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\build\packaging"
#endif

[Setup]
AppId={{7B0E6C2A-4E2B-4C55-9B8D-2A1F0C3E5D71}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=AIMS Desktop contributors
AppCopyright=AIMS Desktop contributors, Apache License 2.0
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
ChangesAssociations=yes
CloseApplications=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=..\icons\aims-desktop.ico
LicenseFile=..\..\LICENSE
OutputDir={#OutputDir}
OutputBaseFilename=aims-desktop-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
#ifdef Sign
SignTool=aimssign
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\icons\{#DocumentIcon}"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Build and self-assess an ISO/IEC 42001 AI management system"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; HKA is HKEY_CURRENT_USER in a per-user install. The .aims type belongs to our ProgID, which
; carries the document icon and the Open verb; the uninstaller deletes what it added.
Root: HKA; Subkey: "Software\Classes\.aims"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.aims"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-aims-project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.aims\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "AIMS Desktop project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#DocumentIcon},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open"; ValueType: string; ValueName: ""; ValueData: "&Open"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".aims"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python byte-code caches or logs written next to the program, if any: the folder goes entirely.
Type: filesandordirs; Name: "{app}"
