; Inno Setup script of fieldkit's Windows installer. Built by .github/workflows/package.yml on a
; hosted Windows runner, after PyInstaller made dist\fieldkit\ from packaging\fieldkit.spec:
;     iscc /DAppVersion=0.1.0 packaging\windows\fieldkit.iss
; It cannot be built or tried on the Linux machine where fieldkit is developed (see ../README.md).
;
; - The wizard speaks English, French and Spanish (chosen from Windows' language, or asked).
; - It installs for the current user only, without administrator rights, in
;   %LOCALAPPDATA%\Programs\fieldkit, with Start menu entries and an uninstaller.
; - The uninstaller removes the program files it installed and nothing else: the workspaces,
;   settings, logs and backups live in %LOCALAPPDATA%\fieldkit (another folder), and a data\
;   folder made in portable mode is not one of the installed files either.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define Dist "..\..\dist"

[Setup]
; The same AppId for every version, so a new installer updates the installed copy in place.
AppId={{6F0C5A3E-2B7D-4E8A-9C41-F1E2D3C4B5A6}
AppName=fieldkit
AppVersion={#AppVersion}
AppVerName=fieldkit {#AppVersion}
AppPublisher=fieldkit
AppComments=Offline attendance, notes and PDF minutes for workshops and encounters
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={autopf}\fieldkit
DefaultGroupName=fieldkit
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ShowLanguageDialog=auto
UninstallDisplayIcon={app}\fieldkit.exe
UninstallDisplayName=fieldkit {#AppVersion}
CloseApplications=yes
OutputDir={#Dist}
OutputBaseFilename=fieldkit-{#AppVersion}-windows-setup

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[CustomMessages]
en.CommandLine=fieldkit command line
fr.CommandLine=fieldkit en ligne de commande
es.CommandLine=fieldkit en línea de comandos
en.WorkspaceKept=Your workspaces, settings and backups stay in %1; uninstalling fieldkit never deletes them.
fr.WorkspaceKept=Vos espaces de travail, réglages et sauvegardes restent dans %1 ; désinstaller fieldkit ne les supprime jamais.
es.WorkspaceKept=Sus espacios de trabajo, ajustes y copias de seguridad quedan en %1; desinstalar fieldkit nunca los borra.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The packaged folder, without what portable mode may have put beside it on the build machine.
Source: "{#Dist}\fieldkit\*"; DestDir: "{app}"; Excludes: "portable,data\*"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\fieldkit"; Filename: "{app}\fieldkit.exe"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:CommandLine}"; Filename: "{cmd}"; Parameters: "/k ""{app}\fieldkit-cli.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\{cm:UninstallProgram,fieldkit}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\fieldkit"; Filename: "{app}\fieldkit.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\fieldkit.exe"; Description: "{cm:LaunchProgram,fieldkit}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: only the installed files are removed.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('WorkspaceKept'), [ExpandConstant('{localappdata}\fieldkit')]),
      mbInformation, MB_OK);
end;
