# One result download on real pwsh, in a fresh process: Save-SeedanceVideo, or Invoke-WebRequest -OutFile on the
# task's video URL. Prints one JSON line: seconds, the process's peak working set before and after the download.
param(
    [Parameter(Mandatory)] [ValidateSet('Module', 'InvokeWebRequest')] [string] $Way,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $Key,
    [Parameter(Mandatory)] [string] $TaskId,
    [Parameter(Mandatory)] [string] $OutFile
)

$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest
Set-SeedanceConfiguration -BaseUri $BaseUri -NoJournal
$env:SEEDANCE_API_KEY = $Key
$task = Get-SeedanceTask -Id $TaskId
$process = Get-Process -Id $PID
$before = $process.PeakWorkingSet64
$clock = [System.Diagnostics.Stopwatch]::StartNew()
if ($Way -eq 'Module') {
    $null = $task | Save-SeedanceVideo -Path $OutFile -Confirm:$false
} else {
    Invoke-WebRequest -Uri $task.VideoUrl -OutFile $OutFile
}

$clock.Stop()
$process.Refresh()
@{ seconds = $clock.Elapsed.TotalSeconds; peakBefore = $before; peakAfter = $process.PeakWorkingSet64 } | ConvertTo-Json -Compress
