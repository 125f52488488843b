# Save-SeedanceVideo against the sandbox: resume after a cut, skip unless -Force, clear errors, the one-liner.

BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1') -Force -ErrorAction Stop
    $script:sandbox = Start-TestSession -ProcessingSeconds 0.5 -RateLimit 30 -RateWindowSeconds 2 -Folder save
    $script:key = $sandbox.Key
    $script:dir = $sandbox.Folder

    function Get-Downloads {
        # Invoke-RestMethod emits a JSON array as one object: the parentheses enumerate its entries.
        @((Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/log'))) | Where-Object { $_.path -like '/results/*' })
    }

    function Add-SandboxFault([hashtable] $Fault) {
        $null = Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/faults')) -Body ($Fault | ConvertTo-Json) -ContentType 'application/json'
    }

    function Wait-Downloads([int] $Count) {
        # The sandbox logs a request once it has ended: a stalled one when it sees the client hang up.
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        $log = @(Get-Downloads)
        while ($log.Count -lt $Count -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 50
            $log = @(Get-Downloads)
        }
        @($log | Sort-Object { [DateTimeOffset] $_.at })
    }

    function Get-PendingFaults {
        (Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/faults'))).pending
    }

    function New-CompletedTask([string] $Prompt) {
        New-SeedanceVideo -Prompt $Prompt -ApiKey $key | Wait-SeedanceTask -ApiKey $key
    }

    # Links and Unix modes exist on Linux and macOS; Windows PowerShell 5.1 has no $IsWindows.
    $script:onUnix = $PSVersionTable.PSEdition -eq 'Core' -and -not $IsWindows
}

AfterAll {
    Stop-TestSession $sandbox
}

Describe 'Save-SeedanceVideo' {
    BeforeEach {
        Get-ChildItem -Path $dir -Force | Remove-Item -Force -Recurse
    }

    It 'resumes a download cut at 40% with a Range request' {
        $task = New-SeedanceVideo -Prompt 'a cut download' -ApiKey $key | Wait-SeedanceTask -ApiKey $key
        $length = (Invoke-WebRequest -Uri $task.VideoUrl -Method Head -UseBasicParsing).Headers['Content-Length'] | Select-Object -First 1
        $body = @{ kind = 'CutDownload'; after_bytes = [long]([long]$length * 0.4) } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/faults')) -Body $body -ContentType 'application/json' | Out-Null
        $before = (Get-Downloads).Count
        $file = $task | Save-SeedanceVideo -Path $dir -ApiKey $key
        $file.Length | Should -Be ([long]$length)
        $after = Get-Downloads
        $after[-1].status | Should -Be 206
        $after.Count - $before | Should -BeGreaterOrEqual 2
        Get-ChildItem -Path $dir -Force | Should -HaveCount 1
    }

    It 'skips its own complete file after a one-byte probe, unless -Force' {
        $task = New-SeedanceVideo -Prompt 'a skipped download' -ApiKey $key | Wait-SeedanceTask -ApiKey $key
        $task | Save-SeedanceVideo -Path $dir -ApiKey $key | Out-Null
        $before = (Get-Downloads).Count
        $task | Save-SeedanceVideo -Path $dir -ApiKey $key | Should -BeOfType System.IO.FileInfo
        (Get-Downloads).Count | Should -Be ($before + 1)
        (Get-Downloads)[-1].status | Should -Be 206
        $task | Save-SeedanceVideo -Path $dir -ApiKey $key -Force | Out-Null
        (Get-Downloads).Count | Should -Be ($before + 2)
        (Get-Downloads)[-1].status | Should -Be 200
    }

    It 'saves the last frame with -IncludeLastFrame' {
        $task = New-SeedanceVideo -Prompt 'a clip with a frame' -ApiKey $key | Wait-SeedanceTask -ApiKey $key
        $files = Save-SeedanceVideo -Id $task.Id -Path $dir -IncludeLastFrame -ApiKey $key
        ($files | ForEach-Object Extension | Sort-Object) | Should -Be @('.mp4', '.png')
    }

    It 'refuses a task that is not completed, suggesting Wait-SeedanceTask' {
        $task = New-SeedanceVideo -Prompt 'not done yet [takes:3600]' -ApiKey $key
        $task | Save-SeedanceVideo -Path $dir -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.TaskNotCompleted*'
        $problems[0].Exception.Message | Should -Match 'Wait-SeedanceTask'
    }

    It 'saves a batch into a -Path with no extension as a folder it creates' {
        $tasks = 'a fox', 'a lighthouse', 'a glass train' | ForEach-Object { New-SeedanceVideo -Prompt $_ -ApiKey $key }
        $videos = Join-Path $dir 'videos'
        $files = $tasks | Wait-SeedanceTask -ApiKey $key | Save-SeedanceVideo -Path $videos -ApiKey $key
        $files | Should -HaveCount 3
        Test-Path -Path $videos -PathType Container | Should -BeTrue
        ($files | ForEach-Object { $_.Directory.FullName } | Select-Object -Unique) | Should -Be (Get-Item $videos).FullName
        ($files.Name | Sort-Object) | Should -Be ($tasks | ForEach-Object { "$($_.Id).mp4" } | Sort-Object)
    }

    It 'refuses a second task aimed at one file name before downloading it' {
        $tasks = 'a first clip', 'a second clip' | ForEach-Object { New-CompletedTask $_ }
        $before = (Get-Downloads).Count
        $files = $tasks | Save-SeedanceVideo -Path (Join-Path $dir 'one.mp4') -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue
        $files | Should -HaveCount 1
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.InvalidParameter*'
        (Get-Downloads).Count - $before | Should -Be 1
    }

    It 'says what it would save where under -WhatIf, with no error, and creates no folder' {
        $task = New-CompletedTask 'a what-if save'
        $target = Join-Path $dir 'not/yet'
        $before = (Get-Downloads).Count
        $child = Invoke-TestShell -Environment @{ SEEDANCE_API_KEY = $sandbox.ApiKey } -Command (
            "Import-Module '$(Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1')'; " +
            "Set-SeedanceConfiguration -BaseUri '$($sandbox.BaseUri)' -NoJournal; " +
            "Save-SeedanceVideo -Id '$($task.Id)' -Path '$target' -WhatIf; exit `$Error.Count")
        $child.Error | Should -BeNullOrEmpty
        $child.ExitCode | Should -Be 0
        ($child.Output -replace '\s+', ' ') | Should -BeLike ('*What if: *Save the video of task {0} to {1}*' -f $task.Id, ($target -replace '\s+', ' '))
        Test-Path -Path (Join-Path $dir 'not') | Should -BeFalse
        (Get-Downloads).Count | Should -Be $before
    }

    It 'refuses a folder path where a file stands before downloading, and the other items go on' {
        $tasks = 'one clip', 'another clip' | ForEach-Object { New-CompletedTask $_ }
        Set-Content -Path (Join-Path $dir 'videos') -Value 'my notes'
        Set-Content -Path (Join-Path $dir 'clip.mp4') -Value 'my clip'
        $before = (Get-Downloads).Count
        foreach ($path in (Join-Path $dir 'videos'), ((Join-Path $dir 'clip.mp4') + [System.IO.Path]::DirectorySeparatorChar), (Join-Path $dir 'clip.mp4/sub/')) {
            $problems = $null
            $files = $tasks | Save-SeedanceVideo -Path $path -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue
            $files | Should -BeNullOrEmpty
            $problems | Should -HaveCount 2
            $problems | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'Seedance.PathNotUsable*' }
        }
        (Get-Downloads).Count | Should -Be $before
        Get-Content -Path (Join-Path $dir 'videos') | Should -Be 'my notes'
    }

    It 'is a Seedance error, not a crash, when the folder cannot be created under a read-only folder' {
        if (-not $onUnix) { Set-ItResult -Skipped -Because 'read-only folders are checked by mode bits on Linux and macOS' }
        if ((& id -u) -eq '0') { Set-ItResult -Skipped -Because 'root writes into read-only folders' }
        $task = New-CompletedTask 'a read-only save'
        $locked = New-Item -ItemType Directory -Path (Join-Path $dir 'locked')
        & chmod 555 $locked.FullName
        try {
            $task | Save-SeedanceVideo -Path (Join-Path $locked.FullName 'sub/') -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.PathNotUsable*'
        }
        finally {
            & chmod 755 $locked.FullName
        }
    }

    It 'is a Seedance error for each item, not a crash, when the folder cannot be created for <Case>, as root too' -TestCases @(
        @{ Case = 'a name longer than the file system allows'; Folder = ('n' * 300) + '/'; UnixOnly = $true }
        @{ Case = 'a file standing where a folder above it should be'; Folder = 'notes.txt/sub/deeper/'; UnixOnly = $false }
    ) {
        param($Case, $Folder, $UnixOnly)
        if ($UnixOnly -and -not $onUnix) { Set-ItResult -Skipped -Because 'a name of more than 255 bytes is what Linux and macOS refuse; Windows paths have other limits' }
        $tasks = 'one unsaved clip', 'another unsaved clip' | ForEach-Object { New-CompletedTask $_ }
        Set-Content -Path (Join-Path $dir 'notes.txt') -Value 'my notes'
        $before = (Get-Downloads).Count
        $files = $tasks | Save-SeedanceVideo -Path (Join-Path $dir $Folder) -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue
        $files | Should -BeNullOrEmpty
        $problems | Should -HaveCount 2
        $problems | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'Seedance.PathNotUsable*'
            $_.Exception.Message | Should -Match 'could not be created'
        }
        $problems.TargetObject | Should -Be $tasks.Id
        (Get-Downloads).Count | Should -Be $before
        ($tasks | Save-SeedanceVideo -Path $dir -ApiKey $key) | Should -HaveCount 2
    }

    It 'refuses an unrelated file under the target name, naming -Force, and replaces it only with -Force' {
        $task = New-CompletedTask 'not my file'
        $target = Join-Path $dir 'existing.mp4'
        [System.IO.File]::WriteAllText($target, 'twenty bytes of mine')
        $files = $task | Save-SeedanceVideo -Path $target -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue
        $files | Should -BeNullOrEmpty
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.FileExists*'
        $problems[0].Exception.Message | Should -Match '-Force'
        [System.IO.File]::ReadAllText($target) | Should -Be 'twenty bytes of mine'
        ($task | Save-SeedanceVideo -Path $target -ApiKey $key -Force).Length | Should -BeGreaterThan 20
    }

    It 'refuses a dangling link under the target name' {
        if (-not $onUnix) { Set-ItResult -Skipped -Because 'symbolic links need no privilege on Linux and macOS only' }
        $task = New-CompletedTask 'a dangling link'
        $target = Join-Path $dir 'dangling.mp4'
        & ln -s (Join-Path $dir 'nowhere.mp4') $target
        $files = $task | Save-SeedanceVideo -Path $target -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue
        $files | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.FileExists*'
        Test-Path -Path (Join-Path $dir 'nowhere.mp4') | Should -BeFalse
    }

    It 'never writes through a planted <name> link' -TestCases @(
        @{ Name = '.clip.mp4.partial' }
        @{ Name = '.clip.mp4.partial.etag' }
    ) {
        param($Name)
        if (-not $onUnix) { Set-ItResult -Skipped -Because 'symbolic links need no privilege on Linux and macOS only' }
        $task = New-CompletedTask 'a planted link'
        $victim = Join-Path $dir 'victim.txt'
        [System.IO.File]::WriteAllText($victim, 'keep me')
        & ln -s $victim (Join-Path $dir $Name)
        $task | Save-SeedanceVideo -Path (Join-Path $dir 'clip.mp4') -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.PathNotUsable*'
        [System.IO.File]::ReadAllText($victim) | Should -Be 'keep me'
        Test-Path -Path (Join-Path $dir 'clip.mp4') | Should -BeFalse
    }

    It 'emits files that print as Get-Item prints them' {
        $file = New-CompletedTask 'a file that prints well' | Save-SeedanceVideo -Path $dir -ApiKey $key
        foreach ($width in 80, 200) {
            ($file | Out-String -Width $width) | Should -Be (Get-Item -LiteralPath $file.FullName | Out-String -Width $width)
        }
        $shown = $file | Out-String -Width 80
        $shown | Should -Match 'Directory: '
        $shown | Should -Match ([regex]::Escape([string]$file.Length))
        if ($onUnix) { $shown | Should -Match '-rw' }
        $file.PSParentPath | Should -Not -BeNullOrEmpty
    }

    It 'gives up a result URL that answers nothing within the attempt timeout, and resumes' {
        $task = New-CompletedTask 'a stalled download'
        Set-SeedanceConfiguration -AttemptTimeoutSeconds 1
        try {
            Add-SandboxFault @{ kind = 'Slow'; endpoint = 'Download'; delay_seconds = 60; count = 1 }
            $started = [DateTime]::UtcNow
            $file = $task | Save-SeedanceVideo -Path $dir -ApiKey $key
            $file.Length | Should -BeGreaterThan 0
            ([DateTime]::UtcNow - $started).TotalSeconds | Should -BeLessThan 30
        }
        finally {
            Set-SeedanceConfiguration -AttemptTimeoutSeconds 100
        }
    }

    It 'fails a result URL that keeps answering nothing with Seedance.DownloadFailed' {
        $task = New-CompletedTask 'a download that never starts'
        Set-SeedanceConfiguration -AttemptTimeoutSeconds 1 -MaxRetries 1
        try {
            Add-SandboxFault @{ kind = 'Slow'; endpoint = 'Download'; delay_seconds = 60; count = 2 }
            $started = [DateTime]::UtcNow
            $task | Save-SeedanceVideo -Path $dir -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $problems | Should -HaveCount 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.DownloadFailed*'
            $problems[0].Exception.Message | Should -Match 'attempt timeout'
            ([DateTime]::UtcNow - $started).TotalSeconds | Should -BeLessThan 30
            Get-ChildItem -Path $dir -Filter '*.mp4' | Should -BeNullOrEmpty
        }
        finally {
            Set-SeedanceConfiguration -AttemptTimeoutSeconds 100 -MaxRetries 6
        }
    }

    It 'resumes with a Range request a download given up at the attempt timeout, one that <Case>' -TestCases @(
        @{ Case = 'sends its headers and 1000 bytes, then nothing'; Fault = @{ kind = 'StallDownload'; after_bytes = 1000 } }
        @{ Case = 'trickles one byte every 2 s after 1000 bytes'; Fault = @{ kind = 'DripDownload'; after_bytes = 1000; delay_seconds = 2 } }
    ) {
        param($Case, $Fault)
        $task = New-CompletedTask "a $($Fault.kind) download"
        $whole = Join-Path $dir 'whole.bin'
        Invoke-WebRequest -Uri $task.VideoUrl -OutFile $whole -UseBasicParsing
        $before = (Get-Downloads).Count
        Set-SeedanceConfiguration -AttemptTimeoutSeconds 1
        try {
            Add-SandboxFault $Fault
            $started = [DateTime]::UtcNow
            $file = $task | Save-SeedanceVideo -Path (Join-Path $dir 'clip.mp4') -ApiKey $key
            ([DateTime]::UtcNow - $started).TotalSeconds | Should -BeLessThan 30
        }
        finally {
            Set-SeedanceConfiguration -AttemptTimeoutSeconds 100
        }

        $attempts = @(Wait-Downloads ($before + 2) | Select-Object -Skip $before)
        $attempts | Should -HaveCount 2
        $attempts[0].fault | Should -Be $Fault.kind
        $attempts[0].status | Should -Be 200
        $attempts[1].fault | Should -BeNullOrEmpty
        $attempts[1].status | Should -Be 206
        (Get-FileHash -LiteralPath $file.FullName).Hash | Should -Be (Get-FileHash -LiteralPath $whole).Hash
    }

    It 'fails with Seedance.DownloadFailed a download that <Case> on every attempt' -TestCases @(
        @{ Case = 'sends its headers and 1000 bytes, then nothing'; Fault = @{ kind = 'StallDownload'; after_bytes = 1000; count = 2 } }
        @{ Case = 'trickles one byte every 2 s'; Fault = @{ kind = 'DripDownload'; after_bytes = 1000; delay_seconds = 2; count = 2 } }
    ) {
        param($Case, $Fault)
        $task = New-CompletedTask "a $($Fault.kind) download that never recovers"
        $before = (Get-Downloads).Count
        Set-SeedanceConfiguration -AttemptTimeoutSeconds 1 -MaxRetries 1
        try {
            Add-SandboxFault $Fault
            $started = [DateTime]::UtcNow
            $task | Save-SeedanceVideo -Path $dir -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            ([DateTime]::UtcNow - $started).TotalSeconds | Should -BeLessThan 30
        }
        finally {
            Set-SeedanceConfiguration -AttemptTimeoutSeconds 100 -MaxRetries 6
        }

        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.DownloadFailed*'
        $problems[0].Exception.Message | Should -Match 'attempt timeout'
        Get-PendingFaults | Should -Be 0
        $attempts = @(Wait-Downloads ($before + 2) | Select-Object -Skip $before)
        $attempts | Should -HaveCount 2
        $attempts | ForEach-Object { $_.fault | Should -Be $Fault.kind }
        $attempts[1].status | Should -Be 206
        Get-ChildItem -Path $dir -Filter '*.mp4' | Should -BeNullOrEmpty
    }

    It 'refuses a result URL that is not https or loopback http, and the other items go on' {
        $good = New-CompletedTask 'a good task'
        $bad = [Seedance.SeedanceTask]@{ Id = 'sd2_ftp'; Status = 'completed'; VideoUrl = 'ftp://example.invalid/a.mp4' }
        $files = $bad, $good | Save-SeedanceVideo -Path $dir -ApiKey $key -ErrorVariable problems -ErrorAction SilentlyContinue
        $files | Should -HaveCount 1
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.UnexpectedResponse*'
        $problems[0].Exception.Message | Should -Match 'https'
    }

    It 'is the one-liner with New-SeedanceVideo -Wait -OutFile' {
        $target = Join-Path $dir 'clip.mp4'
        $file = New-SeedanceVideo -Prompt 'a red fox in the snow' -Wait -OutFile $target -ApiKey $key
        $file.FullName | Should -Be $target
        $file.Length | Should -BeGreaterThan 0
    }
}
