module github.com/seed92233726/mediad

go 1.26
