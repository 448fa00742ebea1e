//go:build !purego

#include "textflag.h"

// func overSolidSSE2(dst *uint8, groups int, s, ia uint32)
//
// For each byte d of groups×16 bytes at dst: d = s + ((x+128) + ((x+128)>>8)) >> 8
// with x = d×ia, which is round(d×ia/255); x+128 and the sum stay below 2^16.
// s (a valid premultiplied colour) plus that never carries out of a byte.
TEXT ·overSolidSSE2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ groups+8(FP), CX
	MOVL s+16(FP), AX
	MOVL ia+20(FP), BX
	MOVQ AX, X6
	PSHUFD $0, X6, X6   // the colour in all four pixels
	MOVQ BX, X7
	PSHUFLW $0, X7, X7
	PSHUFD $0, X7, X7   // ia in all eight words
	PXOR X5, X5         // zero, for widening bytes to words
	PCMPEQW X4, X4
	PSRLW $15, X4
	PSLLW $7, X4        // 128 in all eight words
loop:
	MOVOU (DI), X0
	MOVO X0, X1
	PUNPCKLBW X5, X0
	PUNPCKHBW X5, X1
	PMULLW X7, X0
	PMULLW X7, X1
	PADDW X4, X0
	PADDW X4, X1
	MOVO X0, X2
	MOVO X1, X3
	PSRLW $8, X2
	PSRLW $8, X3
	PADDW X2, X0
	PADDW X3, X1
	PSRLW $8, X0
	PSRLW $8, X1
	PACKUSWB X1, X0
	PADDB X6, X0
	MOVOU X0, (DI)
	ADDQ $16, DI
	DECQ CX
	JNZ loop
	RET
