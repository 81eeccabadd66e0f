; 政务公开工作台 (gongkai-desk) — per-user Windows installer for the PyInstaller one-folder bundle.
;
; Compile with `python installer/build.py` (it passes everything below), or by hand from the
; repository root:
;   makensis -DVERSION=0.1.0 -DSRCDIR=dist\gongkai-desk -DOUTFILE=dist\gongkai-desk-0.1.0-setup.exe installer\gongkai-desk.nsi
; Optional: -DICON=build\gongkai-desk.ico  -DVERSION4=0.1.0.0  -DMIN_BUILD=18362
;
; No admin rights needed: installs into %LOCALAPPDATA%\Programs\gongkai-desk and registers itself
; under HKCU. The user's database lives in %LOCALAPPDATA%\gongkai-desk\gongkai-desk (settings in
; %APPDATA%\gongkai-desk), never in the install folder, and the uninstaller removes only the files
; this installer put there — never the data.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "pass the version: makensis -DVERSION=x.y.z (build.py reads it from gongkai_desk/__init__.py)"
!endif
!ifndef VERSION4
  !define VERSION4 "0.0.0.0"
!endif
!ifndef SRCDIR
  !define SRCDIR "..\dist\gongkai-desk"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\gongkai-desk-${VERSION}-setup.exe"
!endif
!ifndef MIN_BUILD
  !define MIN_BUILD 17763  ; Windows 10 1809, what Qt 6 needs (PySide6 >= 6.10: 18362, build.py passes it)
!endif

!define APPNAME "政务公开工作台"
!define APPID "gongkai-desk"
!define GUIEXE "gongkai-desk-gui.exe"
!define CLIEXE "gongkai-desk.exe"
!define UNINSTEXE "uninstall.exe"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

Name "${APPNAME}"
Caption "${APPNAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPID}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
RequestExecutionLevel user
ShowInstDetails show
ShowUninstDetails show
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT License"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "本向导将把 ${APPNAME} ${VERSION} 安装到您的用户目录，不需要管理员权限。$\r$\n$\r$\n如果程序正在运行，请先关闭它再继续。$\r$\n$\r$\n点击“下一步”继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUIEXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在运行 ${APPNAME}"
!define MUI_FINISHPAGE_TEXT "${APPNAME} 已安装，开始菜单和桌面上都有“${APPNAME}”快捷方式。$\r$\n$\r$\n您的数据库保存在$\r$\n$LOCALAPPDATA\${APPID}\${APPID}$\r$\n（不在安装文件夹里）。升级或卸载本程序都不会删除它；请定期用“文件 → 备份数据库…”备份。"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "卸载只删除程序文件和快捷方式。您的数据库（$LOCALAPPDATA\${APPID}\${APPID}）和设置会保留；如确实不再需要，可以以后手动删除该文件夹。"

!insertmacro MUI_PAGE_WELCOME
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE WaitUntilClosed
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_PAGE_CUSTOMFUNCTION_LEAVE un.WaitUntilClosed
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APPNAME} 需要 64 位 Windows 10（1809 版）或 Windows 11。"
    Abort
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} ${MIN_BUILD}
    MessageBox MB_OK|MB_ICONSTOP "${APPNAME} 需要 Windows 10（内部版本 ${MIN_BUILD} 或更高）或 Windows 11。请先更新 Windows。"
    Abort
  ${EndIf}
FunctionEnd

; The data folder (and anything inside it) is no place for the program: an uninstall of such a
; folder must never come near the database.
Function .onVerifyInstDir
  StrLen $1 "$LOCALAPPDATA\${APPID}\${APPID}"
  StrCpy $0 "$INSTDIR" $1
  ${If} $0 == "$LOCALAPPDATA\${APPID}\${APPID}"
    Abort
  ${EndIf}
FunctionEnd

; A running program keeps its files locked: ask the user to close it instead of failing halfway.
!macro WAIT_UNTIL_CLOSED UN
Function ${UN}WaitUntilClosed
  retry:
  ${If} ${FileExists} "$INSTDIR\${GUIEXE}"
    ClearErrors
    FileOpen $0 "$INSTDIR\${GUIEXE}" a
    ${If} ${Errors}
      MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME} 正在运行。请先关闭它（已保存的数据不会丢失），然后点击“重试”。" IDRETRY retry
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}
FunctionEnd
!macroend
!insertmacro WAIT_UNTIL_CLOSED ""
!insertmacro WAIT_UNTIL_CLOSED "un."

Section "${APPNAME}" SecMain
  SectionIn RO
  Call WaitUntilClosed
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program files wholesale so no file of an older Python/Qt lingers.
  ; Only the bundle's own folder goes: the user's data is elsewhere.
  RMDir /r "$INSTDIR\_internal"
  File /r "${SRCDIR}\*"

  WriteUninstaller "$INSTDIR\${UNINSTEXE}"

  ; Current user only (SetShellVarContext current is the default for a user-level installer).
  SetShellVarContext current
  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${GUIEXE}" "" "$INSTDIR\${GUIEXE}" 0
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${GUIEXE}" "" "$INSTDIR\${GUIEXE}" 0

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "gongkai-desk"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${GUIEXE},0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\${UNINSTEXE}"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTEXE}" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

; Removes exactly what the installer wrote. No recursive delete of $INSTDIR itself and nothing
; under the data folder: the database and settings stay.
Section "Uninstall"
  Call un.WaitUntilClosed
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"

  Delete "$INSTDIR\${GUIEXE}"
  Delete "$INSTDIR\${CLIEXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINSTEXE}"
  RMDir "$INSTDIR"  ; only if empty

  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd
