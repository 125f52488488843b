# Wait-SeedanceTask against a time-scaled sandbox: completion order, failures, timeout, Ctrl+C, zero 429.

BeforeAll {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'SandboxHelpers.psm1') -Force
    Import-Module (Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1') -Force
    $script:sandbox = Start-TestSession -ProcessingSeconds 0.5 -RateLimit 30 -RateWindowSeconds 2 -Folder wait
    $script:key = $sandbox.Key
    $script:dir = $sandbox.Folder

    function Invoke-InterruptedPipeline([string] $Pipeline) {
        # A console, the module set up on this suite's sandbox, that presses Ctrl+C once the pipeline polls a task.
        Invoke-TestTerminal -InterruptWhen 'GET /api/v1/tasks/' -Command (
            "Import-Module '$(Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1')'; " +
            "Set-SeedanceConfiguration -BaseUri '$($sandbox.BaseUri)' -NoJournal; " +
            "`$env:SEEDANCE_API_KEY = '$($sandbox.ApiKey)'; " + $Pipeline)
    }
}

AfterAll {
    Stop-TestSession $sandbox
}

Describe 'Wait-SeedanceTask' {
    It 'waits for 20 tasks in one loop and saves 20 files with no 429' {
        $files = 1..20 | ForEach-Object { "prompt number $_" } |
            New-SeedanceVideo -ApiKey $key | Wait-SeedanceTask -ApiKey $key | Save-SeedanceVideo -Path $dir -ApiKey $key
        $files | Should -HaveCount 20
        $files | ForEach-Object { $_ | Should -BeOfType System.IO.FileInfo }
        $log = Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/log'))
        @($log | Where-Object status -EQ 429) | Should -HaveCount 0
    }

    It 'reports failed tasks as Seedance.TaskFailed errors carrying the task' {
        $tasks = 'one fine clip', 'two [fail] clip', 'three fine clip' | New-SeedanceVideo -ApiKey $key
        $done = $tasks | Wait-SeedanceTask -ApiKey $key -ErrorVariable failures -ErrorAction SilentlyContinue
        $done | Should -HaveCount 2
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'Seedance.TaskFailed*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $failures[0].TargetObject.Status | Should -Be 'failed'
        $failures[0].Exception.Message | Should -Match 'refunded'
    }

    It 'accepts ids as strings and objects with task_id' {
        $tasks = 'id clip one', 'id clip two' | New-SeedanceVideo -ApiKey $key
        $done = $tasks[0].Id, [pscustomobject]@{ task_id = $tasks[1].Id } | Wait-SeedanceTask -ApiKey $key
        $done | Should -HaveCount 2
        $done | ForEach-Object { $_.Status | Should -Be 'completed' }
    }

    It 'gives one OperationTimeout error per unfinished task' {
        $slow = New-SeedanceVideo -Prompt 'a slow clip [takes:3600]' -ApiKey $key
        $result = $slow | Wait-SeedanceTask -Timeout 1 -ApiKey $key -ErrorVariable timeouts -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $timeouts | Should -HaveCount 1
        $timeouts[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $timeouts[0].TargetObject.Status | Should -Be 'processing'
    }

    It 'stops polling the other tasks once Select-Object -First 1 has its task' {
        $tasks = 'a quick clip [takes:0.3]', 'a slow clip [takes:3600]', 'another slow clip [takes:3600]' | New-SeedanceVideo -ApiKey $key
        $first = $tasks | Wait-SeedanceTask -ApiKey $key | Select-Object -First 1
        $first.Id | Should -Be $tasks[0].Id
        $polls = {
            $log = Invoke-RestMethod -Uri ([uri]::new($sandbox.BaseUri, '_sandbox/log'))
            @($log | Where-Object { $_.method -eq 'GET' -and $_.path -like '/api/v1/tasks/*' }).Count
        }
        $before = & $polls
        $before | Should -BeGreaterThan 0
        # A waiter still alive polls the slow tasks again within this time (cold: at ages 1, 1.5, 2.3, 3.4 s).
        Start-Sleep -Seconds 4
        & $polls | Should -Be $before
    }

    It 'warns with the pending ids and the command that picks them up again at a timeout' {
        $tasks = 'one slow clip [takes:3600]', 'two slow clip [takes:3600]' | New-SeedanceVideo -ApiKey $key

        $null = $tasks | Wait-SeedanceTask -Timeout 1 -ApiKey $key -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue

        $warnings.Count | Should -Be 1
        ("$($warnings[0])" -replace '\s+', ' ') | Should -BeLike ("2 tasks did not finish within 1 s; *Get-SeedanceTask -Id '{0}', '{1}' | Wait-SeedanceTask" -f $tasks[0].Id, $tasks[1].Id)
    }

    It 'prints the command that picks the tasks up again on lines that fit 80 columns and run as pasted' {
        $tasks = 'one slow fox [takes:3600]', 'two slow fox [takes:3600]', 'three slow fox [takes:3600]' | New-SeedanceVideo -ApiKey $key

        $null = $tasks | Wait-SeedanceTask -Timeout 1 -ApiKey $key -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue

        # The console writes 'WARNING: ' before the first line, and keeps the last of 80 columns free.
        $lines = ("WARNING: $($warnings[0])") -split '\r?\n'
        @($lines | Where-Object { $_.Length -gt 79 }) | Should -BeNullOrEmpty
        $command = ($lines | Select-Object -Skip ([array]::IndexOf($lines, 'Pick them up again with:') + 1)) -join "`n"
        $errors = $null
        $pipeline = [System.Management.Automation.Language.Parser]::ParseInput($command, [ref] $null, [ref] $errors).EndBlock.Statements[0].PipelineElements
        $errors | Should -BeNullOrEmpty
        $pipeline.Count | Should -Be 2
        $pipeline[0].CommandElements[0].Value | Should -Be 'Get-SeedanceTask'
        $pipeline[0].CommandElements[2].SafeGetValue() | Should -Be $tasks.Id
        $pipeline[1].Extent.Text | Should -Be 'Wait-SeedanceTask'
    }

    It 'shows each id as submitted with -Verbose' {
        $verbose = New-SeedanceVideo 'a verbose fox' -ApiKey $key -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        "$verbose" | Should -Match 'Submitted task sd2_\w+ \(Idempotency-Key '
    }

    It 'names the pending task and the command to save it when Ctrl+C stops New-SeedanceVideo -Wait -OutFile' {
        if ($PSVersionTable.PSEdition -ne 'Core' -or -not $IsLinux) {
            Set-ItResult -Skipped -Because 'Ctrl+C reaches PowerShell only through a console; the test drives one with util-linux script'
            return
        }

        $file = Join-Path $dir 'interrupted fox.mp4'
        $run = Invoke-InterruptedPipeline "New-SeedanceVideo 'an interrupted fox [takes:3600]' -OutFile '$file' -Verbose"

        $run.Interrupted | Should -BeTrue
        $run.StoppedIn.TotalSeconds | Should -BeLessThan 10
        $id = [regex]::Match($run.Output, 'Submitted task (sd2_\w+)').Groups[1].Value
        $id | Should -Not -BeNullOrEmpty
        ($run.Output -replace '\r?\n' -replace '\s+', ' ') | Should -BeLike ("*WARNING: Stopped waiting for 1 task; *Get-SeedanceTask -Id '{0}' | Wait-SeedanceTask | Save-SeedanceVideo -Path '{1}'*" -f $id, $file)
        Test-Path -LiteralPath $file | Should -BeFalse
    }

    It 'names the pending ids and the command that picks them up again when Ctrl+C stops Wait-SeedanceTask' {
        if ($PSVersionTable.PSEdition -ne 'Core' -or -not $IsLinux) {
            Set-ItResult -Skipped -Because 'Ctrl+C reaches PowerShell only through a console; the test drives one with util-linux script'
            return
        }

        $run = Invoke-InterruptedPipeline "'an interrupted owl [takes:3600]', 'another interrupted owl [takes:3600]' | New-SeedanceVideo -Verbose | Wait-SeedanceTask -Verbose"

        $run.Interrupted | Should -BeTrue
        $run.StoppedIn.TotalSeconds | Should -BeLessThan 10
        $ids = @([regex]::Matches($run.Output, 'Submitted task (sd2_\w+)') | ForEach-Object { $_.Groups[1].Value })
        $ids | Should -HaveCount 2
        $warning = [regex]::Match(($run.Output -replace '\s+', ' '), "WARNING: Stopped waiting for 2 tasks; [^|]*\| Wait-SeedanceTask").Value
        $warning | Should -BeLike '*Pick them up again with: Get-SeedanceTask -Id *'
        $ids | ForEach-Object { $warning | Should -BeLike "*'$_'*" }
        foreach ($id in $ids) {
            (Get-SeedanceTask -Id $id -ApiKey $key).Status | Should -Be 'processing'
        }
    }

    It 'shows the share done, the tasks in flight and an expected finish on its progress bar' {
        # A process and a journal of its own: the render times behind the expected finish are the ones it learns here,
        # whatever ran before it. A runspace inside it keeps the progress records the bar is drawn from.
        $script = Join-Path $dir 'progress.ps1'
        Set-Content -LiteralPath $script -Value @'
param($Manifest, $Uri, $Journal)
$shell = [powershell]::Create()
$null = $shell.AddScript({
        param($Manifest, $Uri, $Journal)
        Import-Module $Manifest
        Set-SeedanceConfiguration -BaseUri $Uri -RateLimit 30 -RateLimitWindowSeconds 2 -JournalPath $Journal
        $null = New-SeedanceVideo 'a first quick fox [takes:0.3]' | Wait-SeedanceTask
        'a quick fox [takes:0.3]', 'a slow owl in the snow [takes:2]', 'another slow owl [takes:2]', 'a third slow owl [takes:2]' |
            New-SeedanceVideo | Wait-SeedanceTask
    }).AddArgument($Manifest).AddArgument($Uri).AddArgument($Journal)
$done = $shell.Invoke()
[pscustomobject]@{
    Done     = @($done).Count
    Errors   = @($shell.Streams.Error | ForEach-Object { "$_" })
    Progress = @($shell.Streams.Progress | Where-Object { $_.ActivityId -eq 1 } | ForEach-Object { [pscustomobject]@{ Status = $_.StatusDescription; Percent = $_.PercentComplete } })
} | ConvertTo-Json -Depth 3 -Compress
'@
        $child = Invoke-TestShell -File $script -Environment @{ SEEDANCE_API_KEY = $sandbox.ApiKey } -ArgumentList @(
            (Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1'), [string]$sandbox.BaseUri, (Join-Path $dir 'progress-journal.jsonl'))
        $child.Error | Should -BeNullOrEmpty
        $run = $child.Output | ConvertFrom-Json

        $run.Errors | Should -BeNullOrEmpty
        $run.Done | Should -Be 4
        $quarter = @($run.Progress | Where-Object { $_.Status -like '1 of 4 done (25%)*' })
        $quarter.Count | Should -BeGreaterThan 0
        $quarter | ForEach-Object { $_.Percent | Should -Be 25 }
        @($quarter | Where-Object { $_.Status -match "^1 of 4 done \(25%\); (about \d+ s left|done any moment now); rendering sd2_\w+ 'a slow owl in the snow" }).Count | Should -BeGreaterThan 0
    }

    It 'stops promptly when the pipeline is stopped, and the task goes on' {
        $slow = New-SeedanceVideo -Prompt 'another slow clip [takes:3600]' -ApiKey $key
        $shell = [powershell]::Create()
        $null = $shell.AddScript({
                param($Path, $Uri, $Key, $Task)
                Import-Module $Path
                Set-SeedanceConfiguration -BaseUri $Uri -RateLimit 30 -RateLimitWindowSeconds 2 -NoJournal
                $Task | Wait-SeedanceTask -ApiKey $Key
            }).AddArgument((Join-Path $repositoryRoot 'out/Seedance/Seedance.psd1')).AddArgument($sandbox.BaseUri).AddArgument($key).AddArgument($slow)
        $running = $shell.BeginInvoke()
        $deadline = [datetime]::UtcNow.AddSeconds(30)
        while ($shell.Streams.Progress.Count -eq 0 -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $shell.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
        $running.IsCompleted | Should -BeTrue
        $shell.Dispose()
        (Get-SeedanceTask -Id $slow.Id -ApiKey $key).Status | Should -Be 'processing'
    }
}
