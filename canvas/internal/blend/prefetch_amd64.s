//go:build !purego

#include "textflag.h"

// func prefetchRowsAsm(p *uint8, stride, n, rows int)
TEXT ·prefetchRowsAsm(SB), NOSPLIT, $0-32
	MOVQ p+0(FP), SI
	MOVQ stride+8(FP), BX
	MOVQ n+16(FP), CX
	MOVQ rows+24(FP), DX
row:
	MOVQ SI, DI
	LEAQ -1(SI)(CX*1), R8 // last byte of the row
line:
	PREFETCHT0 (DI)
	ADDQ $64, DI
	CMPQ DI, R8
	JLE  line
	PREFETCHT0 (R8) // the line of the last byte, if the stride stepped over it
	ADDQ BX, SI
	DECQ DX
	JNZ  row
	RET
