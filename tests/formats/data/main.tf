# State machines in Terraform: jsonencode, heredoc, file() and templatefile().
variable "environment" {
  type    = string
  default = "dev"
}

locals {
  retry_attempts = 3
}

resource "aws_lambda_function" "checker" {
  function_name = "checker-${var.environment}"
  role          = aws_iam_role.lambda.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  tags          = { for k, v in var.tags : k => upper(v) }
}

resource "aws_sfn_state_machine" "encoded" {
  name     = "encoded-${var.environment}"
  role_arn = aws_iam_role.sfn.arn

  definition = jsonencode({
    Comment = "Checks an item"
    StartAt = "Check"
    States = {
      Check = {
        Type     = "Task"
        Resource = "arn:aws:states:::lambda:invoke"
        Parameters = {
          FunctionName = aws_lambda_function.checker.arn
          "Payload.$"  = "$"
        }
        Retry = [
          {
            ErrorEquals = ["States.TaskFailed"]
            MaxAttempts = 3
          },
        ]
        Next = "Done"
      }
      Done = {
        Type = "Succeed"
      }
    }
  })
}

resource "aws_sfn_state_machine" "heredoc" {
  name     = "heredoc"
  role_arn = aws_iam_role.sfn.arn

  definition = <<EOF
{
  "StartAt": "Hello",
  "States": {
    "Hello": {
      "Type": "Pass",
      "Result": "${var.environment}",
      "End": true
    }
  }
}
EOF
}

resource "aws_sfn_state_machine" "from_file" {
  name       = "from-file"
  role_arn   = aws_iam_role.sfn.arn
  definition = file("${path.module}/statemachine/file-machine.asl.json")
}

resource "aws_sfn_state_machine" "from_template" {
  name     = "from-template"
  role_arn = aws_iam_role.sfn.arn
  definition = templatefile("${path.module}/statemachine/file-machine.asl.json", {
    CheckerArn = aws_lambda_function.checker.arn
    TableName  = "items"
  })
}

resource "aws_sfn_state_machine" "dynamic" {
  name       = "dynamic"
  role_arn   = aws_iam_role.sfn.arn
  definition = jsonencode(merge(local.base, { StartAt = "A" }))
}

resource "aws_sfn_state_machine" "computed_retry" {
  name     = "computed"
  role_arn = aws_iam_role.sfn.arn
  definition = jsonencode({
    StartAt = "A"
    States = {
      A = {
        Type     = "Task"
        Resource = "arn:aws:states:::lambda:invoke"
        Retry    = [{ ErrorEquals = ["States.ALL"], MaxAttempts = local.retry_attempts + 1 }]
        End      = true
      }
    }
  })
}
